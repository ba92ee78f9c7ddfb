/**
 * The renderer's entry. In the kiosk (window.kiosk, set by the preload) the kiosk shell takes
 * over; in an ordinary browser the screens talk to the service through the WebHost.
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
