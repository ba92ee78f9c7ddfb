import { StaffId } from '../../../src-shared/staff-api/auth.js';
import { disableStaff } from '../../staff/staff-members.service.js';
import { CliError, cliClock, str, withDatabase, type CliCommand } from '../command.js';

/** Issue 14: offboarding a staff member of the console (they leave, or lose their passkey device). */
export const disableStaffCommand: CliCommand = {
  name: 'disable-staff',
  usage: '--staff-id ID',
  summary:
    'disables a staff member of the staff console: their sessions end, sign-in and step-up are refused from now on',
  options: { 'staff-id': { type: 'string' } },
  required: ['staff-id'],
  async run(values, io) {
    const staffId = StaffId.parse(str(values, 'staff-id'));
    const r = await withDatabase(io.env, (db) => disableStaff(db, cliClock(io.env), staffId));
    if (!r) throw new CliError(`no enabled staff member ${staffId}`);
    io.out(`職員ID:     ${staffId} disabled; ${r.sessionsEnded} session(s) ended`);
  },
};
