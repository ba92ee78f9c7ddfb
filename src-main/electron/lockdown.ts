import type { Session, WebContents } from 'electron';
import { isAdminChord, isBlockedShortcut } from '../core/guards/shortcut-guards.js';
import { mayGrantPermission, mayNavigate, windowOpenAction, type AppOrigin } from '../core/guards/url-guards.js';
import type { Logger } from '../core/ports.js';

/** Permission requests and checks on the kiosk session: all denied (core/guards). */
export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(mayGrantPermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => mayGrantPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

/**
 * Applies the pure guards to one web contents: every way of leaving the app's pages, opening a
 * window, using devtools or a blocked shortcut, plus input reporting for the idle guard.
 */
export function lockDownContents(
  wc: WebContents,
  opts: { app: AppOrigin; log: Logger; onInput: () => void; onAdminChord: () => void },
): void {
  const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (mayNavigate(event.url, opts.app)) return;
    event.preventDefault();
    opts.log.warn(`${kind} refused`, { url: event.url.slice(0, 200) });
  };
  wc.on('will-navigate', refuse('navigation'));
  wc.on('will-frame-navigate', refuse('frame navigation'));
  wc.on('will-redirect', refuse('redirect'));
  wc.setWindowOpenHandler(({ url }) => {
    opts.log.warn('window.open refused', { url: url.slice(0, 200) });
    return windowOpenAction(url);
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.on('context-menu', (event) => event.preventDefault());
  wc.on('devtools-opened', () => wc.closeDevTools());
  wc.on('before-input-event', (event, input) => {
    opts.onInput();
    if (isAdminChord(input)) {
      event.preventDefault();
      opts.onAdminChord();
    } else if (isBlockedShortcut(input)) event.preventDefault();
  });
  // Pinch and Ctrl+wheel zoom.
  wc.on('did-finish-load', () => void wc.setVisualZoomLevelLimits(1, 1).catch(() => undefined));
  wc.on('zoom-changed', () => wc.setZoomFactor(1));
}
