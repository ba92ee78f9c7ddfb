import { normalizeAccountId } from '../../../src-shared/account-id.js';
import { findAccountByLoginId } from '../../accounts/accounts.repository.js';
import { withdrawAccount } from '../../accounts/accounts.service.js';
import { CliError, cliClock, str, withDatabase, type CliCommand } from '../command.js';

export const withdrawCommand: CliCommand = {
  name: 'withdraw',
  usage: '--id EMAIL',
  summary: 'withdraws an account (退会): sessions and OTP skips end at once',
  options: { id: { type: 'string' } },
  required: ['id'],
  async run(values, io) {
    const loginId = normalizeAccountId(str(values, 'id'));
    await withDatabase(io.env, async (db) => {
      const account = await findAccountByLoginId(db, loginId);
      if (!account) throw new CliError(`no account ${loginId}`);
      const done = await db.transaction().execute((trx) => withdrawAccount(trx, cliClock(io.env), account.id));
      if (!done) throw new CliError(`${loginId} is already withdrawn`);
    });
    io.out(`withdrawn ${loginId}`);
  },
};
