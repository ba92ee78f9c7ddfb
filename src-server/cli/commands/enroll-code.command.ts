import { R_KIOSK_5_ENROLLMENT_CODE_TTL_MS } from '../../../src-shared/rules.js';
import { issueEnrollmentCode } from '../../kiosk/enrollment.service.js';
import { cliClock, str, withDatabase, type CliCommand } from '../command.js';

/** R-KIOSK-5: IT staff enter the printed code once on the terminal's 端末登録 screen. */
export const enrollCodeCommand: CliCommand = {
  name: 'enroll-code',
  usage: '--office NAME --label TEXT',
  summary: `prints a one-time kiosk enrollment code (${R_KIOSK_5_ENROLLMENT_CODE_TTL_MS / 3_600_000} h)`,
  options: { office: { type: 'string' }, label: { type: 'string' } },
  required: ['office', 'label'],
  async run(values, io) {
    const office = str(values, 'office');
    const label = str(values, 'label');
    const r = await withDatabase(io.env, (db) => issueEnrollmentCode(db, cliClock(io.env), { office, label }));
    // The code alone on the first line, so a script can take it; the rest is for the person.
    io.out(r.code);
    io.out(`  office: ${office} · label: ${label} · single use, valid until ${r.expiresAt.toISOString()}`);
  },
};
