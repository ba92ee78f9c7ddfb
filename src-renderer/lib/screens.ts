import type { Catalog } from './i18n/ja.js';

/** Where a screen sits after トップ in the breadcrumb: the seed's login screens read 「トップ > ログイン」. */
type Trail = 'login' | 'forgot' | 'rereg' | 'mypage' | 'settings' | 'settings-page' | 'self';

type ScreenEntry = {
  /** The heading and the document title. */
  title: (m: Catalog) => string;
  trail: Trail;
  /** Only makes sense signed in: the header shows the menu and a 401 leads to login. */
  signedIn?: true;
  /**
   * Reached only after the login form: `screens/<lazy>.svelte`, in the `after-login` chunk
   * (screens/after-login.ts, screens/lazy-screens.ts), fetched when the page is idle.
   */
  lazy?: `${string}Screen`;
};

/**
 * The table of screens: every route, its title and breadcrumb (from the catalog), whether it needs
 * a session and whether it is lazy. Routing (`RouteName`, the title and breadcrumb), the lazy chunk
 * and so the Vite chunks all follow it. Adding a screen: one entry here + its component.
 */
export const screens = {
  login: { title: (m) => m.login.title, trail: 'login' },
  otp: { title: (m) => m.otp.title, trail: 'login', lazy: 'OtpScreen' },
  'otp-confirm': { title: (m) => m.confirm.title, trail: 'login', lazy: 'OtpConfirmScreen' },
  'otp-ended': { title: (m) => m.otp.endedTitle, trail: 'login', lazy: 'OtpEndedScreen' },
  'password-forgot': { title: (m) => m.forgot.title, trail: 'forgot', lazy: 'PasswordForgotScreen' },
  'password-reset': { title: (m) => m.reset.title, trail: 'forgot', lazy: 'PasswordResetScreen' },
  'password-reset-done': { title: (m) => m.reset.doneTitle, trail: 'forgot', lazy: 'PasswordResetDoneScreen' },
  reregister: { title: (m) => m.rereg.title, trail: 'rereg', lazy: 'ReregisterScreen' },
  'reregister-key': { title: (m) => m.rereg.keyTitle, trail: 'rereg', lazy: 'ReregisterKeyScreen' },
  'reregister-done': { title: (m) => m.rereg.doneTitle, trail: 'rereg', lazy: 'ReregisterDoneScreen' },
  home: { title: (m) => m.home.title, trail: 'mypage', signedIn: true, lazy: 'HomeScreen' },
  settings: { title: (m) => m.settings.title, trail: 'settings', signedIn: true, lazy: 'SettingsScreen' },
  'settings-password': {
    title: (m) => m.settings.password,
    trail: 'settings-page',
    signedIn: true,
    lazy: 'SettingsPasswordScreen',
  },
  'settings-email': {
    title: (m) => m.settings.email,
    trail: 'settings-page',
    signedIn: true,
    lazy: 'SettingsEmailScreen',
  },
  'settings-email-key': {
    title: (m) => m.settings.emailKeyTitle,
    trail: 'settings-page',
    signedIn: true,
    lazy: 'SettingsEmailKeyScreen',
  },
  'settings-devices': {
    title: (m) => m.settings.devices,
    trail: 'settings-page',
    signedIn: true,
    lazy: 'SettingsDevicesScreen',
  },
  'settings-withdraw': {
    title: (m) => m.settings.withdraw,
    trail: 'settings-page',
    signedIn: true,
    lazy: 'SettingsWithdrawScreen',
  },
  withdrawn: { title: (m) => m.settings.withdrawDoneTitle, trail: 'self' },
  'logged-out': { title: (m) => m.logout.title, trail: 'self' },
  'not-found': { title: (m) => m.errors.notFoundTitle, trail: 'self' },
} as const satisfies Record<string, ScreenEntry>;
