/**
 * 応答なし: no heartbeat for this long (since enrollment, for a terminal never heard from). One
 * value for 端末一覧 (staff-desk/fleet-view.service.ts), the alert mails and /metrics (R-FLEET-2).
 */
export const UNRESPONSIVE_AFTER_MS = 10 * 60 * 1000;

/** A terminal last heard from at or before this is 応答なし at `now`. */
export const silentSince = (now: number): number => now - UNRESPONSIVE_AFTER_MS;
