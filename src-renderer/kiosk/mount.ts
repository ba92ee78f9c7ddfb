import { mount } from '../app-entry.js';
import type { KioskApi } from '../../src-shared/kiosk-bridge.js';
import KioskShell from './KioskShell.svelte';
import { parseStartHint } from '../../src-shared/kiosk-start-hint.js';
import { KioskShellModel } from './kiosk-shell.svelte.js';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;
const ACTIVITY_THROTTLE_MS = 1000;

/**
 * The kiosk entry of the renderer (src-renderer/main.ts calls it when `window.kiosk` exists):
 * the shell over the bridge, input reported to main's idle guard, links off My Page stopped.
 */
export async function mountKiosk(target: HTMLElement): Promise<void> {
  const api = (window as unknown as { kiosk: KioskApi }).kiosk;
  // Main's hint in the URL fragment (enrolled, language): the login form is drawn at once and
  // the status call below only confirms it (or turns to 端末登録).
  const shell = new KioskShellModel(api, parseStartHint(location.hash));
  api.onEvent((event) => shell.onEvent(event));

  let last = 0;
  const report = () => {
    const now = Date.now();
    if (now - last < ACTIVITY_THROTTLE_MS) return;
    last = now;
    void api.activity();
  };
  for (const type of ACTIVITY_EVENTS) window.addEventListener(type, report, { capture: true, passive: true });

  // R-HOME-2 on a kiosk: イベント情報検索 and other links off My Page are not opened (main also
  // refuses them); the visitor is told why instead of a click that does nothing.
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link) return;
      const url = new URL(link.href, location.href);
      if (url.protocol !== location.protocol || url.host !== location.host || link.target === '_blank') {
        event.preventDefault();
        shell.refuseOutsideLink();
      }
    },
    { capture: true },
  );

  target.textContent = '';
  mount(KioskShell, { target, props: { shell } });
  await shell.load();
}
