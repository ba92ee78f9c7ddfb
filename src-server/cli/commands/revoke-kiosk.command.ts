import { revokeTerminal } from '../../kiosk/fleet.service.js';
import { CliError, cliClock, str, withDatabase, type CliCommand } from '../command.js';

/** Takes effect at the terminal's next call: its visitor is logged out, its logins take the OTP step. */
export const revokeKioskCommand: CliCommand = {
  name: 'revoke-kiosk',
  usage: '--terminal ID',
  summary: 'revokes one terminal: its visitor sessions end now; its next logins need the OTP',
  options: { terminal: { type: 'string' } },
  required: ['terminal'],
  async run(values, io) {
    const id = str(values, 'terminal');
    const r = await withDatabase(io.env, (db) => revokeTerminal(db, cliClock(io.env), id));
    if (r.status === 'unknown_terminal') throw new CliError(`no terminal ${id} (see: mypage kiosks)`);
    if (r.status === 'already_revoked') io.out(`${id} was already revoked`);
    else io.out(`revoked ${id} (${r.sessionsEnded} visitor session(s) ended)`);
  },
};
