/**
 * Where the kiosk window may go (R-KIOSK-1, R-KIOSK-4 lock-down). Tiny pure functions, table-tested with
 * hostile URLs (as actualbudget/actual does); the glue applies them to will-navigate,
 * will-frame-navigate, will-redirect and setWindowOpenHandler.
 */

/** The app's own pages, e.g. `app://kiosk` (packaged) or the dev server's `http://127.0.0.1:5173`. */
export type AppOrigin = { protocol: string; host: string };

export function appOriginOf(url: string): AppOrigin {
  const u = new URL(url);
  return { protocol: u.protocol, host: u.host };
}

/**
 * Compares scheme, host and port exactly. `URL.origin` is "null" for custom schemes such as
 * app://, so it cannot be used; credentials in the URL are refused outright.
 */
export function isAppUrl(raw: string, app: AppOrigin): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === app.protocol && url.host === app.host && url.host !== '';
}

/** will-navigate / will-frame-navigate / will-redirect: only the app's own pages. */
export function mayNavigate(raw: string, app: AppOrigin): boolean {
  return isAppUrl(raw, app);
}

/**
 * window.open and target=_blank: never a new window on a kiosk. Links that leave My Page
 * (イベント情報検索, R-HOME-2) are shown as a notice by the screens instead.
 */
export function windowOpenAction(_raw: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, geolocation, notifications, clipboard reads, …: a kiosk page needs none. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}
