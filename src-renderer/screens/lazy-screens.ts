import type { Component } from 'svelte';
import type { RouteName } from '../lib/routes.js';

/**
 * The screens a visitor reaches only after the login form (the OTP step, recovery and
 * re-registration, home and settings) are chunks of their own, so a page that shows the login
 * form — the browser's login page, the kiosk's fresh page after a wipe — compiles and runs only
 * the login path. `preloadScreens` fetches them once the form is interactive; a screen already
 * loaded is shown at once (`loadedScreen`), without a pending state.
 */
const loaders = {
  otp: () => import('./OtpScreen.svelte'),
  'otp-confirm': () => import('./OtpConfirmScreen.svelte'),
  'otp-ended': () => import('./OtpEndedScreen.svelte'),
  'password-forgot': () => import('./PasswordForgotScreen.svelte'),
  'password-reset': () => import('./PasswordResetScreen.svelte'),
  'password-reset-done': () => import('./PasswordResetDoneScreen.svelte'),
  reregister: () => import('./ReregisterScreen.svelte'),
  'reregister-key': () => import('./ReregisterKeyScreen.svelte'),
  'reregister-done': () => import('./ReregisterDoneScreen.svelte'),
  home: () => import('./HomeScreen.svelte'),
  settings: () => import('./SettingsScreen.svelte'),
  'settings-password': () => import('./SettingsPasswordScreen.svelte'),
  'settings-email': () => import('./SettingsEmailScreen.svelte'),
  'settings-email-key': () => import('./SettingsEmailKeyScreen.svelte'),
  'settings-devices': () => import('./SettingsDevicesScreen.svelte'),
  'settings-withdraw': () => import('./SettingsWithdrawScreen.svelte'),
} satisfies Partial<Record<RouteName, () => Promise<{ default: Component }>>>;

export type LazyRoute = keyof typeof loaders;

export function isLazyRoute(route: RouteName): route is LazyRoute {
  return Object.hasOwn(loaders, route);
}

const loaded = new Map<LazyRoute, Component>();
const pending = new Map<LazyRoute, Promise<Component>>();

/** The screen's component when its chunk has arrived, else undefined. */
export function loadedScreen(route: LazyRoute): Component | undefined {
  return loaded.get(route);
}

/** Fetches (once) and returns the screen's component; a failed fetch may be tried again. */
export function loadScreen(route: LazyRoute): Promise<Component> {
  let p = pending.get(route);
  if (!p) {
    p = loaders[route]().then(
      (m) => {
        loaded.set(route, m.default);
        return m.default;
      },
      (error: unknown) => {
        pending.delete(route);
        throw error;
      },
    );
    pending.set(route, p);
  }
  return p;
}

let preloading = false;
/**
 * Every lazy screen, fetched when the page is idle (after the login form is interactive), so the
 * next step after the form does not wait for the network. Failures are left for `loadScreen`.
 */
export function preloadScreens(): void {
  if (preloading || typeof window === 'undefined') return;
  preloading = true;
  const run = () => {
    for (const route of Object.keys(loaders) as LazyRoute[]) loadScreen(route).catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
}
