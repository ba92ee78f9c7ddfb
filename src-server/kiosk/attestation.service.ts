import { attestationMessage, type AttestationPurpose } from '../../src-shared/attestation.js';
import type { Attestation } from '../../src-shared/api/schemas.js';
import { R_KIOSK_2_NONCE_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { recordAudit } from '../audit/audit.repository.js';
import { randomToken, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import type { AttestationResult, AttestationVerifier } from '../login/attestation-verifier.js';
import { verifyEd25519 } from './ed25519.js';
import { countAttestationFailure, failureHour } from './attestation-failures.repository.js';
import {
  consumeNonce,
  findTerminal,
  insertNonceForLiveTerminal,
  recordTerminalSeen,
  type TerminalRow,
} from './kiosk.repository.js';

/**
 * R-KIOSK-2 step 3: a single-use nonce for a live terminal (≤ 5 minutes), stored hashed. Unknown
 * and revoked terminals get none: revocation takes effect at the terminal's next call. One
 * statement (issue 18: 5,000 terminals ask once a minute); expired nonces go with the retention
 * sweep, and a nonce is checked against the terminal's state again when it is spent.
 */
export async function issueNonce(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  terminalId: string,
): Promise<{ nonce: string; expiresAt: Date } | undefined> {
  const now = deps.clock.now().getTime();
  const nonce = randomToken();
  const issued = await insertNonceForLiveTerminal(deps.db, {
    nonce_hash: sha256(nonce),
    terminal_id: terminalId,
    created_at: now,
    expires_at: now + R_KIOSK_2_NONCE_TTL_MS,
  });
  return issued ? { nonce, expiresAt: new Date(now + R_KIOSK_2_NONCE_TTL_MS) } : undefined;
}

/**
 * Checks an attestation with the caller's executor (a login's transaction; a heartbeat's plain
 * connection). The nonce is consumed FIRST (one atomic DELETE … RETURNING, bound to the terminal), so a replayed or raced nonce fails whatever the
 * signature; then the terminal must be enrolled and not revoked, and the Ed25519 signature must
 * cover the v2 attestationMessage(terminal, ENROLLED machine-ID hash, nonce, purpose) — a copied
 * key on another machine signs another hash and fails; a heartbeat's signature is not a login's,
 * and a login's names its ID (R-KIOSK-7). `reason` goes to the audit log: no secrets in it.
 */
export async function verifyAttestation(
  trx: Executor,
  now: number,
  a: Pick<Attestation, 'terminalId' | 'nonce' | 'signature'>,
  what: AttestationPurpose,
): Promise<AttestationResult> {
  const consumed = await consumeNonce(trx, sha256(a.nonce), a.terminalId, now);
  const terminal = await findTerminal(trx, a.terminalId);
  const signed = (t: TerminalRow) =>
    verifyEd25519(t.public_key, attestationMessage(t.id, t.machine_id_hash, a.nonce, what), a.signature);
  // Issue 20: a spent or expired nonce that the terminal's own key signed is that terminal's failure (a
  // replay of what it sent, or its key elsewhere); made-up nonces anyone can send are not.
  if (!consumed) return { ok: false, reason: 'nonce_invalid', keyUsed: terminal !== undefined && signed(terminal) };
  if (!terminal) return { ok: false, reason: 'unknown_terminal' };
  if (terminal.revoked_at !== null) return { ok: false, reason: 'terminal_revoked' };
  if (!signed(terminal)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, terminalId: terminal.id };
}

/**
 * The verifier the login uses (composeService hands it over, service.ts). A failure is counted
 * in the same transaction (端末一覧, issue 20): against the terminal when its key signed, else
 * against the source address — a stranger naming a terminal ID never raises that terminal's count.
 */
export const kioskAttestationVerifier: AttestationVerifier = {
  verify: async (trx, attestation, context) => {
    const now = context.now.getTime();
    const r = await verifyAttestation(trx, now, attestation, { purpose: 'login', loginId: context.loginId });
    if (!r.ok)
      await countAttestationFailure(trx, {
        hour: failureHour(now),
        ...(r.keyUsed ? { terminalId: attestation.terminalId } : { source: context.ip }),
      });
    return r;
  },
};

/** A heartbeat, signed with purpose `heartbeat` (R-KIOSK-7): records the app version, last seen and last painted. */
export async function recordHeartbeat(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: {
    terminalId: string;
    version: string;
    nonce: string;
    signature: string;
    paintedAt?: string | undefined;
    offlineMs?: number | undefined;
    ip: string;
  },
): Promise<boolean> {
  const { db, clock } = deps;
  // No transaction (issue 18 item 5: 5,000 terminals beat once a minute): the nonce is spent by one
  // atomic DELETE … RETURNING, so a replay fails however the beats interleave, and each write below
  // stands alone — a beat is three round trips, not five, and holds no lock between them.
  const now = clock.now().getTime();
  const checked = await verifyAttestation(db, now, input, { purpose: 'heartbeat' });
  // A revocation between the check and the write (no transaction holds them together) refuses the
  // beat as a revoked terminal's: the write only lands on a terminal that is still live.
  const seen =
    checked.ok &&
    (await recordTerminalSeen(db, checked.terminalId, {
      version: input.version,
      now,
      paintedAt: input.paintedAt ? Date.parse(input.paintedAt) : null,
    }));
  if (!seen) {
    await recordAudit(db, clock, {
      type: 'kiosk.heartbeat_refused',
      ip: input.ip,
      detail: { terminalId: input.terminalId, reason: checked.ok ? 'terminal_revoked' : checked.reason },
    });
    return false;
  }
  // Issue 13: IT sees how long a terminal showed 「ただいまご利用いただけません」.
  if (input.offlineMs)
    await recordAudit(db, clock, {
      type: 'kiosk.offline_reported',
      ip: input.ip,
      detail: { terminalId: input.terminalId, offlineMs: input.offlineMs },
    });
  return true;
}
