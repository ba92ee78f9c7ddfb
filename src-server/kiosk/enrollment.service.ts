import { kioskVersionKey } from '../../src-shared/kiosk-version.js';
import { R_KIOSK_5_ENROLLMENT_CODE_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { ensureOffice, officeName } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import { randomId, randomKey, sha256 } from '../crypto/tokens.js';
import type { Db, Executor } from '../db/schema.js';
import { groupKey } from '../recovery/mailed-keys.service.js';
import { parseEd25519PublicKey } from './ed25519.js';
import {
  consumeEnrollmentCode,
  insertEnrollmentCode,
  insertTerminal,
  linkEnrollmentCode,
  terminalsWithMachineId,
} from './kiosk.repository.js';

/** The code as typed on 端末登録: NFKC, no spaces or hyphens, upper case (the schema does the same). */
export const normalizeEnrollmentCode = (code: string): string =>
  code.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

/**
 * R-KIOSK-5 / step 1: a one-time code for one terminal of an office, 24 h, stored hashed (CLI
 * `enroll-code`, the staff console: its audit row naming the staff member is `alsoInTransaction`).
 */
export async function issueEnrollmentCode(
  db: Db,
  clock: Clock,
  input: { office: string; label: string },
  alsoInTransaction?: (trx: Executor) => Promise<void>,
): Promise<{ code: string; expiresAt: Date }> {
  const code = randomKey(12);
  const now = clock.now().getTime();
  const expiresAt = now + R_KIOSK_5_ENROLLMENT_CODE_TTL_MS;
  await db.transaction().execute(async (trx) => {
    const officeId = await ensureOffice(trx, input.office);
    await insertEnrollmentCode(trx, {
      code_hash: sha256(code),
      office_id: officeId,
      label: input.label,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      terminal_id: null,
    });
    await recordAudit(trx, clock, { type: 'kiosk.code_issued', detail: { office: input.office, label: input.label } });
    await alsoInTransaction?.(trx);
  });
  return { code: groupKey(code), expiresAt: new Date(expiresAt) };
}

export type EnrollOutcome =
  | { status: 'enrolled'; terminalId: string; office: string; duplicateOf: string[] }
  | { status: 'enrollment_code_invalid' }
  | { status: 'invalid_public_key' };

/**
 * Step 2: code + Ed25519 public key + machine-ID hash make a terminal. The key is checked before
 * the code is spent. Another live terminal with the same machine-ID hash is flagged (cloned
 * image): enrolled anyway, so IT sees both in `mypage kiosks` and decides which to revoke.
 */
export async function enrollTerminal(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { code: string; publicKey: string; machineIdHash: string; version?: string | undefined; ip: string },
): Promise<EnrollOutcome> {
  const { db, clock } = deps;
  if (!parseEd25519PublicKey(input.publicKey)) return { status: 'invalid_public_key' };
  const codeHash = sha256(normalizeEnrollmentCode(input.code));
  return db.transaction().execute(async (trx): Promise<EnrollOutcome> => {
    const now = clock.now().getTime();
    const code = await consumeEnrollmentCode(trx, codeHash, now);
    if (!code) {
      await recordAudit(trx, clock, { type: 'kiosk.enroll_refused', ip: input.ip });
      return { status: 'enrollment_code_invalid' };
    }
    const terminalId = randomId();
    await insertTerminal(trx, {
      id: terminalId,
      office_id: code.office_id,
      label: code.label,
      public_key: input.publicKey,
      machine_id_hash: input.machineIdHash,
      version: input.version ?? null,
      version_key: (input.version && kioskVersionKey(input.version)) ?? null,
      enrolled_at: now,
      last_seen_at: null,
      revoked_at: null,
      painted_at: null,
      alerted_silent: 0,
    });
    await linkEnrollmentCode(trx, codeHash, terminalId);
    const twins = (await terminalsWithMachineId(trx, input.machineIdHash, terminalId)).map((t) => t.id);
    const office = await officeName(trx, code.office_id);
    await recordAudit(trx, clock, {
      type: 'kiosk.enrolled',
      ip: input.ip,
      detail: { terminalId, office, label: code.label },
    });
    if (twins.length)
      await recordAudit(trx, clock, {
        type: 'kiosk.duplicate_machine_id',
        ip: input.ip,
        detail: { terminalId, others: twins.join(',') },
      });
    return { status: 'enrolled', terminalId, office, duplicateOf: twins };
  });
}
