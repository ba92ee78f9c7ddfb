/// <reference types="vite/client" />
import type { Component } from 'svelte';

/**
 * Every screen component, in one module: one dynamic import, one chunk (`after-login`, see
 * lazy-screens.ts and vite.config.ts). The table of screens (lib/screens.ts) says which are lazy;
 * those only this module reaches go into the chunk, the login form and the short messages stay
 * where the first screen already loaded them.
 */
export const components = import.meta.glob<Component>(['./*Screen.svelte', '!./Screen.svelte'], {
  eager: true,
  import: 'default',
});
