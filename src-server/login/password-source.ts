import type { Attestation } from '../../src-shared/api/schemas.js';
import type { AppDeps } from '../app-deps.js';
import { recordAudit } from '../audit/audit.repository.js';
import { sha256 } from '../crypto/tokens.js';
import { findKnownBrowserId } from './known-browsers.repository.js';

/**
 * R-LOGIN-6: where a password try comes from. Each source has its own five tries: an enrolled kiosk
 * terminal whose attestation verified, a browser that signed in to the account before (its
 * marker), and "anywhere else" (one count per ID). `key` is the `login_failures.source` column.
 */
export type PasswordSource =
  | { kind: 'terminal'; key: `t:${string}`; terminalId: string }
  | { kind: 'browser'; key: `b:${string}` }
  | { kind: 'anywhere'; key: '' };

export const ANYWHERE: PasswordSource = { kind: 'anywhere', key: '' };

/** What a request presents as evidence of where it comes from; none of it is believed before its proof is checked. */
export interface SourceEvidence {
  /** A login's kiosk attestation (v2, naming the login ID): verified here, its nonce spent. */
  attestation?: Attestation | undefined;
  /** The terminal of a kiosk session: its attestation was verified when it signed in. */
  sessionTerminalId?: string | null | undefined;
  /** The known-browser marker cookie. */
  knownBrowserToken?: string | undefined;
  /**
   * The marker's live row for this account when the caller read it already (the login reads it with
   * the account: login-subject.repository.ts): its id, or null for none. Undefined: looked up here.
   */
  knownBrowserId?: string | null | undefined;
}

export interface ChosenSource {
  source: PasswordSource;
  /** An attestation was presented and did not verify (the login falls back to the OTP step). */
  attestationFailed: boolean;
}

/**
 * Checks the evidence's proof and names the source. A forged, replayed or foreign attestation, a
 * marker of another account or an unknown marker all count as "anywhere else". `accountId` is the
 * account the ID names, or the decoy's id (no marker row ever has it): the same statements run
 * either way, so this step does not tell whether an ID exists.
 */
export async function chooseSource(
  deps: Pick<AppDeps, 'db' | 'clock' | 'attestationVerifier'>,
  input: { loginId: string; accountId: string; evidence: SourceEvidence; ip: string },
): Promise<ChosenSource> {
  const { db, clock } = deps;
  const { evidence } = input;
  if (evidence.attestation) {
    const attestation = evidence.attestation;
    const result = await db.transaction().execute(async (trx) => {
      const r = await deps.attestationVerifier.verify(trx, attestation, {
        loginId: input.loginId,
        ip: input.ip,
        now: clock.now(),
      });
      if (!r.ok) {
        await recordAudit(trx, clock, {
          type: 'kiosk.attestation_failed',
          accountId: input.accountId || null,
          loginId: input.loginId,
          ip: input.ip,
          // keyUsed: the terminal's own key signed it (issue 20); otherwise anyone may have named the terminal
          detail: { reason: r.reason, terminalId: attestation.terminalId, ...(r.keyUsed ? { keyUsed: true } : {}) },
        });
      }
      return r;
    });
    if (result.ok)
      return {
        source: { kind: 'terminal', key: `t:${result.terminalId}`, terminalId: result.terminalId },
        attestationFailed: false,
      };
    return { source: ANYWHERE, attestationFailed: true };
  }
  if (evidence.sessionTerminalId) {
    return {
      source: { kind: 'terminal', key: `t:${evidence.sessionTerminalId}`, terminalId: evidence.sessionTerminalId },
      attestationFailed: false,
    };
  }
  if (evidence.knownBrowserToken) {
    const id =
      evidence.knownBrowserId !== undefined
        ? evidence.knownBrowserId
        : await findKnownBrowserId(db, sha256(evidence.knownBrowserToken), input.accountId, clock.now().getTime());
    if (id) return { source: { kind: 'browser', key: `b:${id}` }, attestationFailed: false };
  }
  return { source: ANYWHERE, attestationFailed: false };
}
