import { DiagnosticsBundle } from '../../src-shared/api/schemas.js';
import { redactDiagnostics } from '../../src-shared/diagnostics-redaction.js';
import { R_DIAG_1_KEEP_MS, R_DIAG_1_MAX_BYTES, R_DIAG_1_MAX_PER_TERMINAL } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { recordAudit } from '../audit/audit.repository.js';
import { sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { verifyAttestation } from './attestation.service.js';
import { diagnosticsPending, fulfilDiagnosticsRequest, trimDiagnostics } from './diagnostics.repository.js';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** R-DIAG-1: what the heartbeat answers a terminal that IT asked for its diagnostics. */
export function diagnosticsRequested(db: Executor, terminalId: string, now: number): Promise<boolean> {
  return diagnosticsPending(db, terminalId, now);
}

export type UploadOutcome =
  | { status: 'stored'; bytes: number }
  | { status: 'attestation_invalid' }
  | { status: 'not_requested' }
  | { status: 'too_large' }
  | { status: 'invalid_bundle' };

/**
 * The bundle as the service keeps it: parsed, redacted once more (a kiosk of another build, or a
 * log line nobody foresaw, must not bring a visitor's address into the console), then checked
 * against the contract's shape. Undefined: not a bundle.
 */
export function redactedBundle(text: string): DiagnosticsBundle | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = DiagnosticsBundle.safeParse(redactDiagnostics(parsed));
  return r.success ? r.data : undefined;
}

/**
 * R-DIAG-1: `POST /kiosk/diagnostics`. At most 256 KiB; signed by the terminal's key over a fresh
 * nonce (consumed first, so a replay fails) and the SHA-256 of the bundle's text (so the signature
 * covers this bundle only); then it must answer a waiting request (one statement: two uploads at
 * once store one). Stored redacted; the terminal keeps its newest 3, each 14 days from its upload.
 */
export async function receiveDiagnostics(
  deps: Deps,
  input: { terminalId: string; nonce: string; signature: string; bundle: string; ip: string },
): Promise<UploadOutcome> {
  if (Buffer.byteLength(input.bundle, 'utf8') > R_DIAG_1_MAX_BYTES) return { status: 'too_large' };
  const { db, clock } = deps;
  return db.transaction().execute(async (trx): Promise<UploadOutcome> => {
    const now = clock.now().getTime();
    const signed = { purpose: 'diagnostics', bundleSha256: sha256(input.bundle) } as const;
    const r = await verifyAttestation(trx, now, input, signed);
    const audit = (e: { type: `kiosk.${string}`; detail?: Record<string, string | number> }) =>
      recordAudit(trx, clock, { type: e.type, ip: input.ip, detail: { terminalId: input.terminalId, ...e.detail } });
    if (!r.ok) {
      await audit({ type: 'kiosk.diagnostics_refused', detail: { reason: r.reason } });
      return { status: 'attestation_invalid' };
    }
    const bundle = redactedBundle(input.bundle);
    if (!bundle) return { status: 'invalid_bundle' };
    const stored = JSON.stringify(bundle);
    const bytes = Buffer.byteLength(stored, 'utf8');
    const row = await fulfilDiagnosticsRequest(trx, r.terminalId, {
      now,
      keptUntil: now + R_DIAG_1_KEEP_MS,
      version: bundle.version,
      bundle: stored,
      bytes,
    });
    if (!row) {
      await audit({ type: 'kiosk.diagnostics_unrequested' });
      return { status: 'not_requested' };
    }
    await trimDiagnostics(trx, r.terminalId, R_DIAG_1_MAX_PER_TERMINAL);
    await audit({ type: 'kiosk.diagnostics_uploaded', detail: { bytes } });
    return { status: 'stored', bytes };
  });
}
