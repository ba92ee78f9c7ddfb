import { STAFF_REGISTRATION_CODE_TTL_MS, type StaffRole } from '../../src-shared/staff-api/auth.js';
import { ensureOffice } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import { randomDigits, randomId, randomKey, randomToken, sha256 } from '../crypto/tokens.js';
import type { Db } from '../db/schema.js';
import {
  disableStaffMember,
  findStaffByStaffId,
  insertRegistrationCode,
  insertStaffMember,
} from './staff.repository.js';
import { revokeStaffSessionsOf } from './staff-sessions.repository.js';

export class StaffInputError extends Error {}

/** A registration code as printed: 16 letters and digits without look-alikes, in groups of four. */
const printed = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/**
 * `mypage create-staff`: a staff member with a fresh staff ID (`S` + 7 digits) and a one-time
 * registration code (24 h, SHA-256 at rest), which they enter on the console to register a passkey.
 */
export async function createStaff(
  db: Db,
  clock: Clock,
  input: { name: string; role: StaffRole; office?: string | undefined; staffId?: string },
): Promise<{ staffId: string; code: string; expiresAt: Date }> {
  const name = input.name.trim();
  if (!name) throw new StaffInputError('--name must not be empty');
  if (input.role === 'office' && !input.office?.trim())
    throw new StaffInputError('--office is required for --role office');
  if (input.role === 'it' && input.office)
    throw new StaffInputError('--office is only for --role office (IT staff see every office)');
  const now = clock.now().getTime();
  return db.transaction().execute(async (trx) => {
    const officeId = input.role === 'office' ? await ensureOffice(trx, (input.office ?? '').trim()) : null;
    const id = randomId();
    let staffId = '';
    for (let tries = 0; !staffId; tries++) {
      if (tries === 20) throw new Error('no free staff ID after 20 draws');
      const candidate = input.staffId ?? `S${randomDigits(7)}`;
      if (input.staffId && tries > 0) throw new StaffInputError(`staff ID ${input.staffId} exists already`);
      const row = {
        id,
        staff_id: candidate,
        name,
        role: input.role,
        office_id: officeId,
        webauthn_user_id: randomToken(16),
        created_at: now,
        disabled_at: null,
      };
      if (await insertStaffMember(trx, row)) staffId = candidate;
    }
    const issued = await issueCode(trx, clock, id);
    await recordAudit(trx, clock, {
      type: 'staff.created',
      staffMemberId: id,
      detail: { staffId, role: input.role, office: input.office ?? null },
    });
    return { staffId, ...issued };
  });
}

/** A new registration code for an existing staff member (a lost code, another device); the old ones stay until used or expired. */
export async function issueRegistrationCode(
  db: Db,
  clock: Clock,
  staffId: string,
): Promise<{ code: string; expiresAt: Date } | undefined> {
  const member = await findStaffByStaffId(db, staffId);
  if (!member) return undefined;
  return db.transaction().execute(async (trx) => {
    const issued = await issueCode(trx, clock, member.id);
    await recordAudit(trx, clock, { type: 'staff.code_issued', staffMemberId: member.id, detail: { staffId } });
    return issued;
  });
}

/**
 * `mypage disable-staff`: offboarding. The member is disabled (sign-in, registration codes and
 * step-up refused from now on, like an unknown staff ID), every session of theirs ends, one audit
 * row. Undefined for an unknown or already disabled staff ID.
 */
export async function disableStaff(
  db: Db,
  clock: Clock,
  staffId: string,
): Promise<{ sessionsEnded: number } | undefined> {
  const now = clock.now().getTime();
  return db.transaction().execute(async (trx) => {
    const member = await disableStaffMember(trx, staffId, now);
    if (!member) return undefined;
    const sessionsEnded = await revokeStaffSessionsOf(trx, member.id, now);
    await recordAudit(trx, clock, {
      type: 'staff.disabled',
      staffMemberId: member.id,
      detail: { staffId, sessionsEnded, by: 'cli' },
    });
    return { sessionsEnded };
  });
}

async function issueCode(trx: Parameters<typeof insertRegistrationCode>[0], clock: Clock, staffMemberId: string) {
  const code = randomKey(16);
  const now = clock.now().getTime();
  const expiresAt = now + STAFF_REGISTRATION_CODE_TTL_MS;
  await insertRegistrationCode(trx, {
    code_hash: sha256(code),
    staff_member_id: staffMemberId,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
  });
  return { code: printed(code), expiresAt: new Date(expiresAt) };
}
