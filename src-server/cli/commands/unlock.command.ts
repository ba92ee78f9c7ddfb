import { normalizeAccountId } from '../../../src-shared/account-id.js';
import { recordAudit } from '../../audit/audit.repository.js';
import { clearLockout, lockState } from '../../login/lockout.service.js';
import { cliClock, str, withDatabase, type CliCommand } from '../command.js';

export const unlockCommand: CliCommand = {
  name: 'unlock',
  usage: '--id EMAIL',
  summary: 'lifts the lock-outs of an ID from every source (R-LOGIN-3, R-LOGIN-6) and forgets its failed passwords',
  options: { id: { type: 'string' } },
  required: ['id'],
  async run(values, io) {
    const loginId = normalizeAccountId(str(values, 'id'));
    const clock = cliClock(io.env);
    const was = await withDatabase(io.env, async (db) => {
      const before = await lockState(db, clock, loginId);
      await db.transaction().execute(async (trx) => {
        await clearLockout(trx, loginId);
        await recordAudit(trx, clock, { type: 'account.unlocked', loginId, detail: { by: 'cli' } });
      });
      return before;
    });
    io.out(
      was.lockedUntil
        ? `unlocked ${loginId} (was locked until ${was.lockedUntil.toISOString()})`
        : `${loginId} was not locked; failures cleared (${was.failures})`,
    );
  },
};
