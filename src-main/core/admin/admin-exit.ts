import type { HostError, HostResult } from '../../../src-shared/host.js';
import type { Clock, Logger } from '../ports.js';
import type { WipeReason } from '../wipe/session-wiper.js';
import { createPinGate } from './admin-pin.js';

/**
 * The hidden admin exit: the right PIN wipes the visitor and quits (IT's exit code); wrong PINs
 * lock the gate for a while. Answers with codes (kiosk-refusals.ts).
 */
export function createAdminExitHandler(deps: {
  clock: Clock;
  log: Logger;
  /** the PIN's hash from IT's policy (none: the exit is closed) */
  adminPinHash: string | undefined;
  wipe: (reason: WipeReason) => Promise<unknown>;
  quit: () => void;
}) {
  const pinGate = createPinGate(deps.clock);
  return async ({ pin }: { pin: string }): Promise<HostResult> => {
    const verdict = pinGate.check(pin, deps.adminPinHash);
    if (verdict === 'ok') {
      deps.log.info('admin exit');
      await deps.wipe('admin');
      deps.quit();
      return { ok: true, data: undefined };
    }
    deps.log.warn('admin exit refused', { verdict });
    const refusal: HostError =
      verdict === 'locked'
        ? { error: 'locked', message: '', reason: 'admin_pin_locked' }
        : { error: 'invalid_credentials', message: '', reason: 'admin_pin_invalid' };
    return { ok: false, error: refusal };
  };
}
