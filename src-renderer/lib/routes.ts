import type { Catalog } from './i18n/ja.js';

/** Every screen, its title and breadcrumb (from the catalog), and whether it needs a session. */
export const routeNames = [
  'login',
  'otp',
  'otp-confirm',
  'otp-ended',
  'password-forgot',
  'password-reset',
  'password-reset-done',
  'reregister',
  'reregister-key',
  'reregister-done',
  'home',
  'settings',
  'settings-password',
  'settings-email',
  'settings-email-key',
  'settings-devices',
  'settings-withdraw',
  'withdrawn',
  'logged-out',
  'not-found',
] as const;
export type RouteName = (typeof routeNames)[number];

export function isRouteName(s: string): s is RouteName {
  return (routeNames as readonly string[]).includes(s);
}

/** Screens that only make sense signed in: the header shows the menu and a 401 leads to login. */
export const signedInRoutes: ReadonlySet<RouteName> = new Set([
  'home',
  'settings',
  'settings-password',
  'settings-email',
  'settings-email-key',
  'settings-devices',
  'settings-withdraw',
]);

export function routeTitle(m: Catalog, r: RouteName): string {
  switch (r) {
    case 'login':
      return m.login.title;
    case 'otp':
      return m.otp.title;
    case 'otp-confirm':
      return m.confirm.title;
    case 'otp-ended':
      return m.otp.endedTitle;
    case 'password-forgot':
      return m.forgot.title;
    case 'password-reset':
      return m.reset.title;
    case 'password-reset-done':
      return m.reset.doneTitle;
    case 'reregister':
      return m.rereg.title;
    case 'reregister-key':
      return m.rereg.keyTitle;
    case 'reregister-done':
      return m.rereg.doneTitle;
    case 'home':
      return m.home.title;
    case 'settings':
      return m.settings.title;
    case 'settings-password':
      return m.settings.password;
    case 'settings-email':
      return m.settings.email;
    case 'settings-email-key':
      return m.settings.emailKeyTitle;
    case 'settings-devices':
      return m.settings.devices;
    case 'settings-withdraw':
      return m.settings.withdraw;
    case 'withdrawn':
      return m.settings.withdrawDoneTitle;
    case 'logged-out':
      return m.logout.title;
    case 'not-found':
      return m.errors.notFoundTitle;
  }
}

/** The breadcrumb after トップ: the seed's login screens read 「トップ > ログイン」. */
export function routeCrumbs(m: Catalog, r: RouteName): string[] {
  if (r === 'login' || r === 'otp' || r === 'otp-confirm' || r === 'otp-ended') return [m.login.crumb];
  if (r.startsWith('password-')) return [m.login.crumb, m.forgot.crumb];
  if (r.startsWith('reregister')) return [m.login.crumb, m.rereg.title];
  if (r === 'home') return [m.site.mypage];
  if (r === 'settings') return [m.site.mypage, m.settings.title];
  if (r.startsWith('settings-')) return [m.site.mypage, m.settings.title, routeTitle(m, r)];
  return [routeTitle(m, r)];
}
