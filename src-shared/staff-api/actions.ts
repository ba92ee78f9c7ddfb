import { z } from 'zod';
import { IsoDateTime, Opaque, PATH_PARAM_MAX_CHARS } from '../api/schemas.js';
import { text, trimmedText } from '../api/text.js';
import { isKioskVersion } from '../kiosk-version.js';
import { auditKinds } from './audit-kinds.js';
import { StaffId, StepUp } from './auth.js';
import { identityDocumentKinds } from './document-kinds.js';

/**
 * The staff console's actions (issue 14): office staff at the counter (search, reveal an ID after
 * the identity check, unlock, reinstate, history) and IT staff (the fleet, enrollment codes, the
 * audit log). Codes only: the staff console words them (ja and en). Request bodies are strict.
 */

/** The identity documents of 確認依頼: one list, zod-free so the console imports it too. */
export { identityDocumentKinds, type IdentityDocumentKind } from './document-kinds.js';

/** An employer as the office sees it; `ref` is opaque (never the login ID). */
export const employerStates = ['active', 'locked', 'withdrawn'] as const;
export type EmployerState = (typeof employerStates)[number];

/** Staff text: trimmed, one to `max` characters, no control characters but line breaks and tabs. */
const StaffText = (max: number) => trimmedText(max, { lines: true });

/**
 * `stepUp` of an action that asks for the passkey again (reveal, reinstate, revoke, enrollment code): without one
 * the action answers 403 `step_up_required` (so the console knows to ask), a malformed one 400.
 */
const StepUpField = StepUp.optional();
export const StepUpOnly = z.strictObject({ stepUp: StepUpField }).meta({ id: 'StaffStepUpOnly' });
export type StepUpOnly = z.input<typeof StepUpOnly>;
/** `:ref` of an employer and `:id` of a kiosk: any text, so a malformed one is simply not found (404). */
export const EmployerParams = z.strictObject({ ref: text(PATH_PARAM_MAX_CHARS, { min: 1 }) });
export const KioskParams = z.strictObject({ id: text(PATH_PARAM_MAX_CHARS, { min: 1 }) });

// ── office staff ──────────────────────────────────────────────────────────────
/**
 * `q`: a part of the company name (compared normalised: full/half width, kana, spaces and legal-entity
 * marks do not matter) or the exact ID. `after`: the `nextAfter` of the page before.
 */
export const EmployerSearchQuery = z
  .strictObject({
    q: trimmedText(254),
    after: text(2000)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .meta({ id: 'StaffEmployerSearchQuery' });
export const EmployerSummary = z.strictObject({
  ref: Opaque,
  company: z.string(),
  office: z.string(),
  state: z.enum(employerStates),
  /** Whole days since withdrawal; null unless withdrawn. */
  withdrawnDays: z.number().int().nonnegative().nullable(),
});
export type EmployerSummary = z.infer<typeof EmployerSummary>;
export const EmployerSearchResponse = z
  .strictObject({
    employers: z.array(EmployerSummary),
    /** The next page's `after`; null on the last page. */
    nextAfter: z.string().nullable(),
  })
  .meta({ id: 'StaffEmployerSearchResponse' });
export type EmployerSearchResponse = z.infer<typeof EmployerSearchResponse>;

/** The identity check of 確認依頼: which document was seen, and the staff member's note. */
export const RevealIdRequest = z
  .strictObject({ documentKind: z.enum(identityDocumentKinds), note: StaffText(500), stepUp: StepUpField })
  .meta({ id: 'StaffRevealIdRequest' });
export type RevealIdRequest = z.input<typeof RevealIdRequest>;
export const RevealIdResponse = z.strictObject({ loginId: z.string() }).meta({ id: 'StaffRevealIdResponse' });
export type RevealIdResponse = z.infer<typeof RevealIdResponse>;

/**
 * 利用再開's answer: whether the password-reset key was mailed. The key spends the staff's own
 * budget (R-PW-7), never the public one, so it is false only when that bound refused it.
 */
export const ReinstateResponse = z.strictObject({ mailed: z.boolean() }).meta({ id: 'StaffReinstateResponse' });
export type ReinstateResponse = z.infer<typeof ReinstateResponse>;

export const EmployerHistoryResponse = z
  .strictObject({ events: z.array(z.strictObject({ at: IsoDateTime, type: z.string() })) })
  .meta({ id: 'StaffEmployerHistoryResponse' });
export type EmployerHistoryResponse = z.infer<typeof EmployerHistoryResponse>;

// ── IT staff ──────────────────────────────────────────────────────────────────
export const kioskStates = ['ok', 'unresponsive', 'revoked'] as const;
export type KioskState = (typeof kioskStates)[number];
export const KioskSummary = z.strictObject({
  id: Opaque,
  office: z.string(),
  label: z.string(),
  version: z.string().nullable(),
  enrolledAt: IsoDateTime,
  lastHeartbeatAt: IsoDateTime.nullable(),
  lastPaintAt: IsoDateTime.nullable(),
  attestationFailures24h: z.number().int().nonnegative(),
  state: z.enum(kioskStates),
  /** Another live terminal has the same machine-ID hash (a disk image cloned before sysprep). */
  duplicateMachineId: z.boolean(),
  /** 要更新 (R-FLEET-1): its last reported version is below the minimum (or not semver). */
  updateRequired: z.boolean(),
});
export type KioskSummary = z.infer<typeof KioskSummary>;
/** The columns 端末一覧 sorts by (`sort`); ties go by office, label, id. Missing values come last either way. */
import { kioskSortColumns } from './kiosk-columns.js';
export { kioskSortColumns, type KioskSortColumn } from './kiosk-columns.js';
/** 端末一覧's page: sorted and filtered by the service (`office`: one office's name). `offset`: the `nextOffset` before. */
export const KiosksQuery = z
  .strictObject({
    office: text(100, { min: 1 }).optional(),
    sort: z.enum(kioskSortColumns).default('office'),
    direction: z.enum(['ascending', 'descending']).default('ascending'),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .meta({ id: 'StaffKiosksQuery' });
export type KiosksQuery = z.input<typeof KiosksQuery>;
export const KiosksResponse = z
  .strictObject({
    kiosks: z.array(KioskSummary),
    /** Terminals matching the filter, and in all. */
    total: z.number().int().nonnegative(),
    all: z.number().int().nonnegative(),
    /** The next page's `offset`; null on the last page. */
    nextOffset: z.number().int().nonnegative().nullable(),
    /** The offices that have terminals (the filter's choices). */
    offices: z.array(z.string()),
    /**
     * Attestations in 24 h that no terminal's key signed (anyone can send them naming any terminal):
     * counted per source address, never as a terminal's failures. The busiest sources, and the total.
     */
    unverifiedAttempts: z.strictObject({
      total: z.number().int().nonnegative(),
      sources: z.array(z.strictObject({ source: z.string(), failures: z.number().int().nonnegative() })),
    }),
    /**
     * R-FLEET-1: the lowest kiosk version accepted (`effective`: the higher of KIOSK_MINIMUM_VERSION,
     * `configured`, and the console's 最低バージョン, `console`); null where none is set.
     */
    minimumVersion: z.strictObject({
      effective: z.string().nullable(),
      configured: z.string().nullable(),
      console: z.string().nullable(),
    }),
  })
  .meta({ id: 'StaffKiosksResponse' });
export type KiosksResponse = z.infer<typeof KiosksResponse>;

/**
 * 最低バージョン (R-FLEET-1): a semver version (e.g. `1.4.0`, `2.0.0-rc.1`), or `none` to clear the
 * console's minimum (KIOSK_MINIMUM_VERSION, if set, still applies). The step-up's target is this value.
 */
export const MinimumVersionRequest = z
  .strictObject({
    version: z.union([z.literal('none'), text(40).refine(isKioskVersion, { message: 'not a semver version' })]),
    stepUp: StepUpField,
  })
  .meta({ id: 'StaffMinimumVersionRequest' });
export type MinimumVersionRequest = z.input<typeof MinimumVersionRequest>;

/** `office`: one of `GET /offices` (400 `office_unknown` otherwise: a typo never makes an office). */
export const EnrollmentCodeRequest = z
  .strictObject({ office: StaffText(100), label: StaffText(100), stepUp: StepUpField })
  .meta({ id: 'StaffEnrollmentCodeRequest' });
export type EnrollmentCodeRequest = z.input<typeof EnrollmentCodeRequest>;
export const EnrollmentCodeResponse = z
  .strictObject({ code: z.string(), expiresAt: IsoDateTime })
  .meta({ id: 'StaffEnrollmentCodeResponse' });
export type EnrollmentCodeResponse = z.infer<typeof EnrollmentCodeResponse>;

/**
 * `before`: the `nextBefore` of the page before (exact, also for events of the same millisecond),
 * or an ISO time (events strictly older). Pages run newest first.
 */
export const AuditQuery = z
  .strictObject({
    before: z.union([text(100).regex(/^[0-9]+\.[A-Za-z0-9_-]+$/), IsoDateTime]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** 職員の操作, 求人者の操作 or 端末の記録 (`./audit-kinds.ts`); every record without it. */
    kind: z.enum(auditKinds).optional(),
    /** Only what this staff member did (as typed: any width or case); an unknown ID matches nothing. */
    staffId: StaffId.optional(),
  })
  .meta({ id: 'StaffAuditQuery' });
export const AuditEntry = z.strictObject({
  at: IsoDateTime,
  type: z.string(),
  /** The staff member who acted; null for events of employers, kiosks and the CLI. */
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  /** The event's facts that the log may show, by type (never a secret, a login ID, an address or a note's text); the console words the keys. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditResponse = z
  .strictObject({ events: z.array(AuditEntry), nextBefore: z.string().nullable() })
  .meta({ id: 'StaffAuditResponse' });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** R-DIAG-1: a terminal's diagnostics (./diagnostics.ts). */
export { KioskDiagnosticsResponse } from './diagnostics.js';

export const OfficesResponse = z.strictObject({ offices: z.array(z.string()) }).meta({ id: 'StaffOfficesResponse' });
export type OfficesResponse = z.infer<typeof OfficesResponse>;
