/**
 * The browser's entry (index.html): the screens talk to the service through the WebHost. The
 * kiosk loads its own entry (kiosk.html, kiosk/main.ts); should a kiosk page ever load this one
 * (window.kiosk, set by the preload), the kiosk shell still takes over, one round trip later.
 */
import { App, mount } from './app-entry.js';
import { WebHost } from './lib/host/web-host.js';
import type { Lang } from './lib/i18n/i18n.svelte.js';

// The browser keeps the visitor's language across reloads (the kiosk does not: each visitor
// starts in Japanese, and the wipe clears the page's storage anyway).
const LANG_KEY = 'mypage-lang';
function savedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja'; // storage refused (e.g. blocked cookies): Japanese, as by default
  }
}
function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage refused: the choice lasts this page only
  }
}

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

if ((window as { kiosk?: unknown }).kiosk) {
  const { mountKiosk } = await import('./kiosk/mount.js');
  await mountKiosk(target);
} else {
  mount(App, { target, props: { host: new WebHost(), lang: savedLang(), onlang: saveLang } });
}
