import { R_KIOSK_4_IDLE_ANNOUNCE_EVERY_S } from '../../src-shared/rules.js';

/**
 * R-KIOSK-4 (WCAG 2.2.1, 4.1.3): the countdown a screen reader hears. A polite live region that
 * changed every second would talk without pause, so it changes on the first second shown, every
 * ten seconds, and each of the last ten; in between it keeps what it last said (`previous`).
 */
export function announcedSeconds(secondsLeft: number, previous: number | null): number | null {
  if (previous === null) return secondsLeft;
  if (secondsLeft <= R_KIOSK_4_IDLE_ANNOUNCE_EVERY_S || secondsLeft % R_KIOSK_4_IDLE_ANNOUNCE_EVERY_S === 0)
    return secondsLeft;
  return previous;
}
