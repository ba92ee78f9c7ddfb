import { isRouteName, type RouteName } from './routes.js';

export type RoutingMode = 'hash' | 'memory';

/**
 * Client-side routing. `hash` (the browser): `#/login`, so the back button and reloads work and
 * no server rewrite is needed; `memory` (e.g. a kiosk): the address never changes.
 */
export class Router {
  current = $state<RouteName>('login');
  readonly mode: RoutingMode;

  constructor(mode: RoutingMode = 'hash', initial: RouteName = 'login') {
    this.mode = mode;
    this.current = initial;
    if (mode === 'hash' && typeof window !== 'undefined') {
      this.current = Router.parse(window.location.hash) ?? initial;
      window.addEventListener('hashchange', () => {
        this.current = Router.parse(window.location.hash) ?? 'not-found';
      });
    }
  }

  static parse(hash: string): RouteName | null {
    const name = hash.replace(/^#\/?/, '');
    if (name === '') return 'login';
    return isRouteName(name) ? name : null;
  }

  /** Go to a screen. `replace` keeps the step out of the history (e.g. OTP → home). */
  go(name: RouteName, options: { replace?: boolean } = {}): void {
    if (this.mode === 'hash' && typeof window !== 'undefined') {
      const url = `#/${name}`;
      if (options.replace) window.history.replaceState(null, '', url);
      else if (window.location.hash !== url) window.history.pushState(null, '', url);
    }
    this.current = name;
  }
}
