/**
 * The browser's entry (index.html): the screens talk to the service through the WebHost. The
 * kiosk loads its own entry (kiosk.html, kiosk/main.ts); should a kiosk page ever load this one
 * (window.kiosk, set by the preload), the kiosk shell still takes over, one round trip later.
 */
import { App, mount } from './app-entry.js';
import { WebHost } from './lib/host/web-host.js';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

if ((window as { kiosk?: unknown }).kiosk) {
  const { mountKiosk } = await import('./kiosk/mount.js');
  await mountKiosk(target);
} else {
  mount(App, { target, props: { host: new WebHost() } });
}
