import { tick } from 'svelte';

/**
 * On every screen change (not the first paint): back to the top and focus on the new heading, so
 * screen readers hear where they are. Call during a component's setup (the employer's App and the
 * staff console's StaffApp).
 */
export function focusHeadingOnChange(screen: () => unknown, heading: () => HTMLElement | undefined): void {
  let first = true;
  $effect(() => {
    void screen();
    if (first) {
      first = false;
      return;
    }
    void tick().then(() => {
      window.scrollTo({ top: 0 });
      heading()?.focus();
    });
  });
}
