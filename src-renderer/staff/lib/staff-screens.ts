import type { StaffCatalog } from '../../lib/i18n/staff/ja.js';
import type { EmployerRow, StaffRole } from './staff-types.js';

/** No parameters: the screen shows the same thing whoever opens it. */
type None = Record<string, never>;

type ScreenEntry = {
  /** The heading and the document title (an employer's page: its company). */
  title: (m: StaffCatalog, params: never) => string;
  /** Who may see it: a staff member signed out (職員ログイン, パスキーの登録), signed in with this role, or either role (`staff`). */
  access: 'signedOut' | StaffRole | 'staff';
  /** In that role's 職員メニュー, in the table's order: the role's first is where it starts after ログイン. */
  menu?: true;
  /** The menu item shown as current while this screen is up (an employer's page is under 求人者検索). */
  under?: string;
  /** Its component: `screens/<component>.svelte`. */
  component: `${string}Screen`;
  /** What it is opened with (a type: `staff.go('employer', { employer })`); none when absent. */
  params?: object;
};

/** A screen's params as a type (the value is an empty object; only `go` and the view read the type). */
const opens = <P extends object>(): P => ({}) as P;

/**
 * The staff console's table of screens, as `lib/screens.ts` is the employer's: each screen's
 * title, who may see it, its place in the menu and its component. The model (`go`), the heading,
 * the menu and the screen shown all follow it: adding a screen is one entry here + its component.
 */
export const staffScreens = {
  signin: {
    title: (m: StaffCatalog) => m.signin.title,
    access: 'signedOut',
    component: 'SignInScreen',
    params: opens<{ staffId?: string }>(),
  },
  register: { title: (m: StaffCatalog) => m.register.title, access: 'signedOut', component: 'RegisterScreen' },
  search: { title: (m: StaffCatalog) => m.search.title, access: 'office', menu: true, component: 'SearchScreen' },
  employer: {
    title: (_: StaffCatalog, p: { employer: EmployerRow }) => p.employer.company,
    access: 'office',
    under: 'search',
    component: 'EmployerScreen',
    params: opens<{ employer: EmployerRow }>(),
  },
  // Both roles: office staff see their own office's terminals, read only (R-FLEET-2).
  kiosks: { title: (m: StaffCatalog) => m.kiosks.title, access: 'staff', menu: true, component: 'KiosksScreen' },
  enroll: { title: (m: StaffCatalog) => m.enroll.title, access: 'it', menu: true, component: 'EnrollScreen' },
  audit: { title: (m: StaffCatalog) => m.audit.title, access: 'it', menu: true, component: 'AuditScreen' },
} as const satisfies Record<string, ScreenEntry>;

export type StaffScreenName = keyof typeof staffScreens;
export type ScreenParams<K extends StaffScreenName> = (typeof staffScreens)[K] extends { params: infer P } ? P : None;
/** `go(name)` alone when the screen needs nothing (or only optional things), `go(name, params)` otherwise. */
export type ScreenArgs<K extends StaffScreenName> =
  Record<string, never> extends ScreenParams<K> ? [params?: ScreenParams<K>] : [params: ScreenParams<K>];
/** The screen shown and what it was opened with. */
export type StaffView = { [K in StaffScreenName]: { name: K; params: ScreenParams<K> } }[StaffScreenName];

export const screenNames = Object.keys(staffScreens) as StaffScreenName[];

export function screenTitle(m: StaffCatalog, view: StaffView): string {
  const title = staffScreens[view.name].title as (m: StaffCatalog, params: StaffView['params']) => string;
  return title(m, view.params);
}

/** Whether a staff member (null: nobody signed in) may see the screen. */
export function mayOpen(name: StaffScreenName, role: StaffRole | null): boolean {
  const access: ScreenEntry['access'] = staffScreens[name].access;
  return role === null ? access === 'signedOut' : access === role || access === 'staff';
}

const forRole = (name: StaffScreenName, role: StaffRole): boolean => {
  const access: ScreenEntry['access'] = staffScreens[name].access;
  return access === role || access === 'staff';
};

/** The screens of a 職員メニュー (they open without params). */
export type MenuScreenName = {
  [K in StaffScreenName]: (typeof staffScreens)[K] extends { menu: true } ? K : never;
}[StaffScreenName];

const isMenuScreen = (n: StaffScreenName): n is MenuScreenName => 'menu' in staffScreens[n];

/** The role's 職員メニュー, in the table's order. */
export function menuOf(role: StaffRole): MenuScreenName[] {
  return screenNames.filter(isMenuScreen).filter((n) => forRole(n, role));
}

/** A menu item's words: its screen's title. */
export function menuTitle(m: StaffCatalog, name: MenuScreenName): string {
  return staffScreens[name].title(m);
}

/** Where a role starts after ログイン: the first screen of its menu (求人者検索, 端末一覧). */
export function homeOf(role: StaffRole): MenuScreenName {
  const first = menuOf(role)[0];
  if (!first) throw new Error(`no menu for the ${role} role`);
  return first;
}

/** The menu item that is current while `name` is shown. */
export function menuItemOf(name: StaffScreenName): StaffScreenName {
  const entry = staffScreens[name];
  return 'under' in entry ? entry.under : name;
}
