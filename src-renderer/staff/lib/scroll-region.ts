import type { Attachment } from 'svelte/attachments';

/**
 * The box around a table that may still be wider than the window (a narrow window, a long label):
 * a named region, and a keyboard stop (tabindex 0) only while it does scroll sideways, so a keyboard
 * user can scroll it with the arrow keys (WCAG 2.1.1; axe `scrollable-region-focusable`) and
 * nobody tabs through a box that does not scroll.
 */
export function scrollRegion(label: string): Attachment<HTMLElement> {
  return (el) => {
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', label);
    const check = (): void => {
      if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
      else el.removeAttribute('tabindex');
    };
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    check();
    return () => observer.disconnect();
  };
}
