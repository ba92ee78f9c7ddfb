/**
 * What main already knows when it opens a fresh kiosk page (after every wipe): is the terminal
 * enrolled, which language. It travels in the page URL's fragment (`kiosk.html#login.ja`,
 * `#enroll.en`), so the shell can draw the login form before its first bridge call. A hint, never
 * a secret and nothing of a visitor: the shell still asks for `status` and follows the answer.
 * Main writes it (core/wipe), the renderer reads it (kiosk/mount.ts): both with the functions here.
 * No zod: the kiosk page's first chunk imports this file.
 */
export const kioskLocales = ['ja', 'en'] as const;
export type KioskLocale = (typeof kioskLocales)[number];
export type KioskStartHint = { enrolled: boolean; locale: KioskLocale };

const FRAGMENT = new RegExp(`^#(login|enroll)\\.(${kioskLocales.join('|')})$`);

/** The fragment of a fresh kiosk page's URL for `start` (`#login.ja`, `#enroll.en`); '' for none. */
export function kioskStartFragment(start: KioskStartHint | undefined): string {
  return start ? `#${start.enrolled ? 'login' : 'enroll'}.${start.locale}` : '';
}

/** The hint of a page URL's fragment; null when there is none or it is not one `kioskStartFragment` writes. */
export function parseStartHint(hash: string): KioskStartHint | null {
  const m = FRAGMENT.exec(hash);
  return m ? { enrolled: m[1] === 'login', locale: m[2] as KioskLocale } : null;
}
