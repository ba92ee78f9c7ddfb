import { StaffId } from '../../../src-shared/staff-api/auth.js';
import { issueRegistrationCode } from '../../staff/staff-members.service.js';
import { CliError, cliClock, str, withDatabase, type CliCommand } from '../command.js';

/** Issue 14: a new one-time registration code for an existing staff member (a lost code, a new device or a lost passkey). */
export const staffCodeCommand: CliCommand = {
  name: 'staff-code',
  usage: '--staff-id ID',
  summary: 'prints a new one-time registration code (24 h) for a staff member: to register another passkey',
  options: { 'staff-id': { type: 'string' } },
  required: ['staff-id'],
  async run(values, io) {
    const staffId = StaffId.parse(str(values, 'staff-id'));
    const r = await withDatabase(io.env, (db) => issueRegistrationCode(db, cliClock(io.env), staffId));
    if (!r) throw new CliError(`no staff member ${staffId}`);
    io.out(`職員ID:     ${staffId}`);
    io.out(`登録コード: ${r.code}`);
    io.out(`  single use, valid until ${r.expiresAt.toISOString()}`);
  },
};
