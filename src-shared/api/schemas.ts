import { z } from 'zod';
import { normalizeAccountId } from '../account-id.js';
import { R_DIAG_1_LOG_LINES, R_DIAG_1_MAX_BYTES, R_LOGIN_2_OTP_DIGITS } from '../rules.js';
import { text, typedCode } from './text.js';

/**
 * The HTTP contract of docs/spec/API.md as zod schemas: the service validates with them,
 * the screens and the kiosk type their calls with them, and /api/openapi.json is generated from them.
 * Request bodies are strict: unknown fields are refused with 400 invalid_request. Every string a
 * client sends is a `text(max)` (./text.ts): no control characters, no lone surrogates.
 */

// ── building blocks ───────────────────────────────────────────────────────────
/** ID (メールアドレス): normalised (NFKC, trimmed, lower case) before it is checked. */
export const AccountId = text(320)
  .transform(normalizeAccountId)
  .pipe(z.email().max(254))
  .meta({ description: 'ID（メールアドレス）. Normalised: NFKC, trimmed, lower case.' });

/** A password as typed at login: any text (an empty one is simply wrong), bounded against abuse. */
export const TypedPassword = text(1024);
/** A new password: checked against R-PW-4 by the service, so the violations can be listed. */
export const NewPassword = text(1024);
export const OtpCode = text(64, { lines: true })
  .trim()
  .regex(new RegExp(`^[0-9０-９]{${R_LOGIN_2_OTP_DIGITS}}$`))
  .transform((s) => s.normalize('NFKC'));
/** A mailed 認証キー: printed in groups for reading aloud; spaces and hyphens are ignored. */
export const MailedKey = typedCode();
export const Base64 = text(4096).regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** The longest path parameter the contract documents (a device's or kiosk's id, an employer's ref). */
export const PATH_PARAM_MAX_CHARS = 200;
export const Opaque = text(PATH_PARAM_MAX_CHARS, { min: 1 }).regex(/^[A-Za-z0-9_-]+$/);
export const IsoDateTime = z.iso.datetime();

// ── sign-in ───────────────────────────────────────────────────────────────────
export const Attestation = z
  .strictObject({ terminalId: Opaque, nonce: Opaque, signature: Base64 })
  .meta({ id: 'Attestation' });
export type Attestation = z.infer<typeof Attestation>;

export const LoginRequest = z
  .strictObject({ id: AccountId, password: TypedPassword, attestation: Attestation.optional() })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.input<typeof LoginRequest>;

export const LoginOtpRequired = z.strictObject({
  status: z.literal('otp_required'),
  challenge: Opaque,
  expiresAt: IsoDateTime,
  /** Kiosk logins only: the terminal's attestation failed, so the OTP step is the fallback (R-KIOSK-2). */
  attestationFailed: z.boolean().optional(),
});
export const LoginAuthenticated = z.strictObject({
  status: z.literal('authenticated'),
  kind: z.enum(['web', 'kiosk']),
  /** Only for kiosk sessions: the bearer token (web sessions use the __Host- cookie). */
  token: z.string().optional(),
  expiresAt: IsoDateTime.optional(),
});
export const LoginResponse = z
  .discriminatedUnion('status', [LoginOtpRequired, LoginAuthenticated])
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const OtpRequest = z
  .strictObject({ challenge: Opaque, otp: OtpCode, rememberDevice: z.boolean().default(false) })
  .meta({ id: 'OtpRequest' });
export type OtpRequest = z.input<typeof OtpRequest>;
/**
 * After a correct OTP: a web session (cookie), or — when the login came from a kiosk whose
 * attestation failed — a kiosk session with its bearer `token` and no cookie (R-KIOSK-3).
 */
export const OtpResponse = z
  .strictObject({
    status: z.literal('authenticated'),
    kind: z.enum(['web', 'kiosk']).default('web'),
    token: z.string().optional(),
    expiresAt: IsoDateTime.optional(),
  })
  .meta({ id: 'OtpResponse' });
export type OtpResponse = z.infer<typeof OtpResponse>;

// ── home ──────────────────────────────────────────────────────────────────────
export const postingCategories = ['general', 'student', 'disabled'] as const;
export type PostingCategory = (typeof postingCategories)[number];
export const HomeResponse = z
  .strictObject({
    company: z.string(),
    office: z.string(),
    newMessages: z.number().int().nonnegative(),
    postings: z.array(
      z.strictObject({
        category: z.enum(postingCategories),
        openings: z.number().int().nonnegative(),
        hires: z.number().int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'HomeResponse' });
export type HomeResponse = z.infer<typeof HomeResponse>;

// ── recovery ──────────────────────────────────────────────────────────────────
export const PasswordResetRequest = z.strictObject({ id: AccountId }).meta({ id: 'PasswordResetRequest' });
export const PasswordResetComplete = z
  .strictObject({ id: AccountId, key: MailedKey, newPassword: NewPassword, newPasswordConfirm: NewPassword })
  .meta({ id: 'PasswordResetComplete' });
export const ReregistrationRequest = z
  .strictObject({ id: AccountId, password: TypedPassword })
  .meta({ id: 'ReregistrationRequest' });
export const ReregistrationComplete = z
  .strictObject({ id: AccountId, key: MailedKey })
  .meta({ id: 'ReregistrationComplete' });
export type PasswordResetRequest = z.input<typeof PasswordResetRequest>;
export type PasswordResetComplete = z.input<typeof PasswordResetComplete>;
export type ReregistrationRequest = z.input<typeof ReregistrationRequest>;
export type ReregistrationComplete = z.input<typeof ReregistrationComplete>;

// ── settings (signed in) ──────────────────────────────────────────────────────
export const TrustedDevice = z.strictObject({
  id: Opaque,
  label: z.string(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  current: z.boolean().optional(),
});
export const DevicesResponse = z.strictObject({ devices: z.array(TrustedDevice) }).meta({ id: 'DevicesResponse' });
export type TrustedDevice = z.infer<typeof TrustedDevice>;
export type DevicesResponse = z.infer<typeof DevicesResponse>;
export const DeviceParams = z.strictObject({ id: Opaque });
export const PasswordChangeRequest = z
  .strictObject({ currentPassword: TypedPassword, newPassword: NewPassword, newPasswordConfirm: NewPassword })
  .meta({ id: 'PasswordChangeRequest' });
export const EmailChangeRequest = z
  .strictObject({ newId: AccountId, password: TypedPassword })
  .meta({ id: 'EmailChangeRequest' });
export const EmailConfirmRequest = z.strictObject({ key: MailedKey }).meta({ id: 'EmailConfirmRequest' });
export const WithdrawRequest = z.strictObject({ password: TypedPassword }).meta({ id: 'WithdrawRequest' });
export type PasswordChangeRequest = z.input<typeof PasswordChangeRequest>;
export type EmailChangeRequest = z.input<typeof EmailChangeRequest>;
export type EmailConfirmRequest = z.input<typeof EmailConfirmRequest>;
export type WithdrawRequest = z.input<typeof WithdrawRequest>;

// ── kiosk terminals ───────────────────────────────────────────────────────────
/**
 * A kiosk's Ed25519 public key as base64 SPKI DER: always 44 bytes, the 12 of the header and the 32
 * of the key (src-server/kiosk/ed25519.ts), so 60 characters; any other key answers 400.
 */
export const Ed25519PublicKey = text(60).regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/);
export const MachineIdHash = text(64)
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'SHA-256 (hex) of the machine ID' });
export const EnrollRequest = z
  .strictObject({
    code: typedCode(),
    publicKey: Ed25519PublicKey,
    machineIdHash: MachineIdHash,
    label: text(100).optional(),
    version: text(40).optional(),
  })
  .meta({ id: 'EnrollRequest' });
export const EnrollResponse = z
  .strictObject({ terminalId: Opaque, office: z.string().optional() })
  .meta({ id: 'EnrollResponse' });
export const NonceRequest = z.strictObject({ terminalId: Opaque }).meta({ id: 'NonceRequest' });
export const NonceResponse = z.strictObject({ nonce: Opaque, expiresAt: IsoDateTime }).meta({ id: 'NonceResponse' });
export const HeartbeatRequest = z
  .strictObject({
    terminalId: Opaque,
    version: text(40),
    nonce: Opaque,
    signature: Base64,
    paintedAt: IsoDateTime.optional(),
    /** Issue 13: how long the terminal could not reach the service since its last heartbeat (ms). */
    offlineMs: z
      .number()
      .int()
      .nonnegative()
      .max(366 * 24 * 3_600_000)
      .optional(),
  })
  .meta({ id: 'HeartbeatRequest' });
/** R-DIAG-1: the heartbeat's answer when IT asked for the terminal's diagnostics (204 otherwise). */
export const HeartbeatResponse = z
  .strictObject({ diagnosticsRequested: z.literal(true) })
  .meta({ id: 'HeartbeatResponse' });
const DiagText = (max: number) => text(max, { lines: true });
/** R-DIAG-1: one bundle, as the kiosk builds it and the console shows it (redacted: diagnostics-redaction.ts). */
export const DiagnosticsBundle = z
  .strictObject({
    collectedAt: IsoDateTime,
    version: text(40),
    /** The kiosk's configuration (the admin PIN's hash redacted) and which keys IT's policy file fixed. */
    policy: z.record(text(100), z.union([DiagText(2048), z.number(), z.boolean(), z.null()])),
    fromPolicy: z.array(text(100)).max(50),
    /** Its structured log's last lines, oldest first; `data` as logged (redacted). */
    log: z
      .array(
        z.strictObject({
          at: IsoDateTime,
          level: z.enum(['info', 'warn', 'error']),
          msg: DiagText(4000),
          data: z.record(text(200), z.unknown()).optional(),
        }),
      )
      .max(R_DIAG_1_LOG_LINES),
    wipes: z
      .array(
        z.strictObject({
          at: IsoDateTime,
          reason: text(40),
          steps: z.array(text(200)).max(30),
          leftovers: z.array(DiagText(4000)).max(30),
          restarted: z.boolean(),
        }),
      )
      .max(20),
    /** When the service could not be reached: from, and until (null: still offline). */
    offline: z.array(z.strictObject({ from: IsoDateTime, to: IsoDateTime.nullable() })).max(50),
  })
  .meta({ id: 'DiagnosticsBundle' });
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundle>;
/**
 * The bundle travels as the JSON text the kiosk signed (its SHA-256 is in the signed text); at most
 * 256 KiB of UTF-8, else 413 (the schema's bound is only the body's).
 */
export const DiagnosticsUpload = z
  .strictObject({
    terminalId: Opaque,
    nonce: Opaque,
    signature: Base64,
    bundle: text(2 * R_DIAG_1_MAX_BYTES, { min: 2 }),
  })
  .meta({ id: 'DiagnosticsUpload' });
export type DiagnosticsUpload = z.input<typeof DiagnosticsUpload>;
export type EnrollRequest = z.input<typeof EnrollRequest>;
export type EnrollResponse = z.infer<typeof EnrollResponse>;
export type NonceResponse = z.infer<typeof NonceResponse>;
export type HeartbeatRequest = z.input<typeof HeartbeatRequest>;

// ── service facts the screens show ────────────────────────────────────────────
/** R-LOGIN-5: the sender address to allow in receive filters (MAIL_FROM). */
export const MetaResponse = z
  .strictObject({ mailFrom: z.string(), production: z.boolean() })
  .meta({ id: 'MetaResponse' });
export type MetaResponse = z.infer<typeof MetaResponse>;
