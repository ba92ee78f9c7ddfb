import { StaffRole } from '../../../src-shared/staff-api/auth.js';
import { createStaff } from '../../staff/staff-members.service.js';
import { CliError, cliClock, str, withDatabase, type CliCommand } from '../command.js';

/** Issue 14: a staff member of the console; they enter the printed code once to register a passkey. */
export const createStaffCommand: CliCommand = {
  name: 'create-staff',
  usage: '--name NAME --role office|it [--office NAME]',
  summary: 'creates a staff member of the staff console; prints the staff ID and a one-time registration code (24 h)',
  options: { name: { type: 'string' }, role: { type: 'string' }, office: { type: 'string' } },
  required: ['name', 'role'],
  async run(values, io) {
    const role = StaffRole.safeParse(values.role);
    if (!role.success) throw new CliError('--role must be office or it');
    const office = typeof values.office === 'string' ? values.office : undefined;
    const r = await withDatabase(io.env, (db) =>
      createStaff(db, cliClock(io.env), { name: str(values, 'name'), role: role.data, office }),
    );
    io.out(`職員ID:     ${r.staffId}`);
    io.out(`登録コード: ${r.code}`);
    io.out(
      `  ${role.data === 'office' ? `office: ${office} · ` : ''}single use, valid until ${r.expiresAt.toISOString()}; enter both on the staff console (STAFF_PORT) to register a passkey`,
    );
  },
};
