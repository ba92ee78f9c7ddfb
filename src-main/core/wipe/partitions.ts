/**
 * R-KIOSK-3, R-KIOSK-4: every visitor gets a partition of their own (in memory: no `persist:` prefix), so
 * no storage of an earlier visitor is reachable from the next one's page. The next visitor's
 * partition is named ahead of time, when its login page is prepared in the spare view.
 */
export const VISITOR_PARTITION_PREFIX = 'kiosk-visitor-';

export function createPartitionRotation() {
  let made = 0;
  let retired = 0;
  let current: string | undefined;
  let ready: string | undefined;
  /** what the page on `ready` was (or is being) prepared with: the same again is not made twice */
  let readyFor: string | undefined;
  let preparations = 0;
  const fresh = () => `${VISITOR_PARTITION_PREFIX}${++made}`;
  return {
    /** The visitor's partition now (undefined before the first page). */
    get current() {
      return current;
    },
    /** How many partitions this process made: Electron frees none of them (restart policy). */
    get made() {
      return made;
    },
    /** How many visitors' partitions were retired (one per wipe after the first page). */
    get retired() {
      return retired;
    },
    /** The wipe's swap: the next page's partition (the one prepared ahead, else a new one) and the one it retires. */
    advance(): { next: string; old: string | undefined } {
      const next = ready ?? fresh();
      ready = undefined;
      readyFor = undefined;
      const old = current;
      if (old) retired++;
      current = next;
      return { next, old };
    },
    /**
     * A name for the page prepared ahead for the next visitor, and which preparation this is: a
     * later one on the same name with another `start` (after 端末登録, say) replaces the page of an
     * earlier one. Undefined when that page is already made, or being made, with this `start`:
     * each page is prepared once (端末登録 answered during a wipe asks for it, and so does the wipe).
     */
    reserve(start: string): { name: string; preparation: number } | undefined {
      if (ready !== undefined && readyFor === start) return undefined;
      ready ??= fresh();
      readyFor = start;
      return { name: ready, preparation: ++preparations };
    },
    /**
     * The page of that preparation was lost: the next wipe makes one the slow way. An earlier
     * preparation that fails because a later one replaced its page loses nothing.
     */
    unready(name: string, preparation: number): void {
      if (ready !== name || preparation !== preparations) return;
      ready = undefined;
      readyFor = undefined;
    },
  };
}
export type PartitionRotation = ReturnType<typeof createPartitionRotation>;
