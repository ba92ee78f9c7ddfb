/**
 * What a shell needs to show the screens: the App component (give it a Host), its model, I18n,
 * and the global styles. The browser entry (main.ts) and the kiosk shell both mount from here:
 *
 *   import { App, mount } from '../app-entry.js';
 *   mount(App, { target, props: { host: kioskHost, routing: 'memory' } });
 */
import './styles/base.css';

export { mount, unmount } from 'svelte';
export { default as App } from './App.svelte';
export { AppModel } from './lib/app-model.svelte.js';
export { I18n, type Lang } from './lib/i18n/i18n.svelte.js';
export type { Catalog } from './lib/i18n/ja.js';
export type { RouteName } from './lib/routes.js';
export type { RoutingMode } from './lib/router.svelte.js';
