import type { Catalog } from './i18n/ja.js';
import { screens } from './screens.js';

/** Every screen's name: the keys of the table of screens (screens.ts). */
export type RouteName = keyof typeof screens;

export const routeNames = Object.keys(screens) as RouteName[];

export function isRouteName(s: string): s is RouteName {
  return Object.hasOwn(screens, s);
}

/** Screens that only make sense signed in: the header shows the menu and a 401 leads to login. */
export function isSignedInRoute(r: RouteName): boolean {
  return 'signedIn' in screens[r];
}

export function routeTitle(m: Catalog, r: RouteName): string {
  return screens[r].title(m);
}

/** The breadcrumb after トップ: the seed's login screens read 「トップ > ログイン」. */
export function routeCrumbs(m: Catalog, r: RouteName): string[] {
  switch (screens[r].trail) {
    case 'login':
      return [m.login.crumb];
    case 'forgot':
      return [m.login.crumb, m.forgot.crumb];
    case 'rereg':
      return [m.login.crumb, m.rereg.title];
    case 'mypage':
      return [m.site.mypage];
    case 'settings':
      return [m.site.mypage, m.settings.title];
    case 'settings-page':
      return [m.site.mypage, m.settings.title, routeTitle(m, r)];
    case 'self':
      return [routeTitle(m, r)];
  }
}
