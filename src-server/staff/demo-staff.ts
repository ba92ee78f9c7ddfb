import type { StaffRole } from '../../src-shared/staff-api/auth.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import { findStaffByStaffId, passkeysOf } from './staff.repository.js';
import { createStaff, issueRegistrationCode } from './staff-members.service.js';

/** `npm start`'s staff console (STAFF_PORT=8081): one staff member per role, with fixed IDs. */
export const DEMO_STAFF: { staffId: string; name: string; role: StaffRole; office?: string }[] = [
  { staffId: 'S0000001', name: '窓口 太郎', role: 'office', office: '飯田橋公共職業安定所' },
  { staffId: 'S0000002', name: '情報 花子', role: 'it' },
];

export type DemoStaffState = { staffId: string; name: string; role: StaffRole; office: string | null } & (
  { code: string; expiresAt: Date } | { registered: true }
);

/**
 * Creates the demo staff (once), and gives each one without a passkey a fresh registration code
 * at every call, so `npm start` always prints a code that works.
 */
export async function seedDemoStaff(db: Db, clock: Clock): Promise<DemoStaffState[]> {
  const out: DemoStaffState[] = [];
  for (const d of DEMO_STAFF) {
    const base = { staffId: d.staffId, name: d.name, role: d.role, office: d.office ?? null };
    const existing = await findStaffByStaffId(db, d.staffId);
    if (!existing) {
      const created = await createStaff(db, clock, d);
      out.push({ ...base, code: created.code, expiresAt: created.expiresAt });
    } else if ((await passkeysOf(db, existing.id)).length) {
      out.push({ ...base, registered: true });
    } else {
      const issued = await issueRegistrationCode(db, clock, d.staffId);
      if (issued) out.push({ ...base, ...issued });
    }
  }
  return out;
}
