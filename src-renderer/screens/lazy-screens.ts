import type { Component } from 'svelte';
import type { RouteName } from '../lib/routes.js';
import { screens as table } from '../lib/screens.js';

/**
 * The screens a visitor reaches only after the login form (the OTP step, recovery and
 * re-registration, home and settings: `lazy` in the table of screens, lib/screens.ts) are a chunk
 * of their own, so a page that shows the login form — the browser's login page, the kiosk's fresh
 * page after a wipe — compiles and runs only the login path. They share one chunk (after-login.ts,
 * one dynamic import); `preloadScreens` fetches it once the first screen is up and the page is
 * idle; a screen already loaded is shown at once (`loadedScreen`), without a pending state.
 */
const screens = () => import('./after-login.js');

export type LazyRoute = { [R in RouteName]: (typeof table)[R] extends { lazy: string } ? R : never }[RouteName];
const lazyRoutes = (Object.keys(table) as RouteName[]).filter(isLazyRoute);

export function isLazyRoute(route: RouteName): route is LazyRoute {
  return 'lazy' in table[route];
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
    p = screens().then(
      (m) => {
        const c = m.components[`./${table[route].lazy}.svelte`];
        if (!c) throw new Error(`screens/${table[route].lazy}.svelte is missing`);
        loaded.set(route, c);
        return c;
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
    for (const route of lazyRoutes) loadScreen(route).catch(() => undefined);
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
}
