/**
 * The seed's rule constants, written once. Each is named after the rule in
 * docs/spec/RULES.md that sets it; every program imports them from here.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** R-LOGIN-3: five wrong passwords lock the account … */
export const R_LOGIN_3_MAX_FAILED_PASSWORDS = 5;
/** R-LOGIN-3: … for about 30 minutes. */
export const R_LOGIN_3_LOCK_MS = 30 * MINUTE_MS;
/** R-LOGIN-6: the known-browser marker (a browser that signed in before) lives 400 days, renewed at each sign-in. */
export const R_LOGIN_6_KNOWN_BROWSER_MS = 400 * DAY_MS;

/** R-OTP-1: a one-time password is valid for 30 minutes. */
export const R_OTP_1_TTL_MS = 30 * MINUTE_MS;
/** R-OTP-2: ten wrong entries invalidate it. */
export const R_OTP_2_MAX_ATTEMPTS = 10;
/** R-LOGIN-2: the length of the mailed one-time password (digits). */
export const R_LOGIN_2_OTP_DIGITS = 6;

/** R-OTP-3: "skip the OTP on this browser" lasts 90 days. */
export const R_OTP_3_DEVICE_TRUST_MS = 90 * DAY_MS;

/** R-OTP-8: an account accepts at most 30 wrong OTP entries per rolling hour, across all its challenges … */
export const R_OTP_8_MAX_WRONG_OTPS = 30;
/** R-OTP-8: … and at most 10 OTP mails per rolling hour. Restarting the login resets neither. */
export const R_OTP_8_MAX_OTP_MAILS = 10;
export const R_OTP_8_WINDOW_MS = 60 * MINUTE_MS;

/** R-PW-3: a password-reset key dies 50 minutes after its mail was sent. */
export const R_PW_3_RESET_KEY_TTL_MS = 50 * MINUTE_MS;
/** R-PW-4: a password has 8 to 32 characters. */
export const R_PW_4_MIN_LENGTH = 8;
export const R_PW_4_MAX_LENGTH = 32;

/** R-REREG-1, R-REREG-2: online re-registration is possible within 30 days of withdrawal. */
export const R_REREG_1_WINDOW_MS = 30 * DAY_MS;
/**
 * R-REREG-2: refused once 31 days or more have passed. The seed's 「過去30日以内」 and
 * 「31日以上が経過」 meet without a gap or an overlap only when whole days are counted: open while
 * fewer than 31 × 24 h have passed since withdrawal, refused from exactly 31 × 24 h on.
 */
export const R_REREG_2_REFUSED_FROM_MS = R_REREG_1_WINDOW_MS + DAY_MS;

/** R-REREG-1, R-REREG-2: the one boundary, used by the login's `reregistrable` flag and by re-registration. */
export function isReregistrable(withdrawnAt: number | null, now: number): boolean {
  return withdrawnAt !== null && now < withdrawnAt + R_REREG_2_REFUSED_FROM_MS;
}

/** R-PW-7: per account, at most 5 recovery mails an hour of each kind (reset, re-registration, ID change). */
export const R_PW_7_MAX_MAILS = 5;
export const R_PW_7_WINDOW_MS = 60 * MINUTE_MS;
/**
 * R-PW-7: the bound cannot be spent against the owner. Requests from a browser that signed in to the
 * account before (R-LOGIN-6's marker) spend a budget of their own, per browser, of the same size;
 * keys the office staff send (利用再開) spend theirs, per account: generous for a counter that sends
 * one key per reinstatement (which needs 31 days of withdrawal), finite all the same.
 */
export const R_PW_7_KNOWN_BROWSER_MAX_MAILS = R_PW_7_MAX_MAILS;
export const R_PW_7_STAFF_MAX_MAILS = 3;

/** R-PW-7: keys mailed for reset, re-registration and e-mail change accept this many wrong tries. */
export const R_PW_7_MAILED_KEY_MAX_ATTEMPTS = 5;
/**
 * R-PW-7: each mailed key stays valid its own 50 minutes. Re-registration and e-mail-change keys
 * (the seed gives no figure) live as long as a reset key.
 */
export const R_PW_7_MAILED_KEY_TTL_MS = R_PW_3_RESET_KEY_TTL_MS;

/** R-KIOSK-5: enrollment codes issued by IT live 24 hours. */
export const R_KIOSK_5_ENROLLMENT_CODE_TTL_MS = 24 * 60 * MINUTE_MS;
/** R-KIOSK-2: an attestation nonce lives at most 5 minutes. */
export const R_KIOSK_2_NONCE_TTL_MS = 5 * MINUTE_MS;

/** R-KIOSK-4: a kiosk session is short (10 idle minutes, one hour at most), server side too. */
export const R_KIOSK_4_SESSION_IDLE_MS = 10 * MINUTE_MS;
export const R_KIOSK_4_SESSION_ABSOLUTE_MS = 60 * MINUTE_MS;

/** R-KIOSK-4: the kiosk wipes a visitor's session after 120 s idle, warning 30 s before. */
export const R_KIOSK_4_IDLE_TIMEOUT_MS = 120_000;
export const R_KIOSK_4_IDLE_WARNING_MS = 30_000;
/**
 * R-KIOSK-4 / WCAG 2.2.1 (JIS X 8341-3): the warning lasts at least 20 s, so a visitor who needs
 * time to find 「延長する」 has it; the policy file may not set a shorter one.
 */
export const R_KIOSK_4_IDLE_WARNING_MIN_MS = 20_000;
/** R-KIOSK-4: the countdown is announced to screen readers every this many seconds, and each of the last ten. */
export const R_KIOSK_4_IDLE_ANNOUNCE_EVERY_S = 10;

/** R-LOGIN-5: the seed's sender address (configurable through MAIL_FROM). */
export const R_LOGIN_5_SEED_MAIL_FROM = 'system@mail.hellowork.mhlw.go.jp';

/**
 * R-DIAG-1: a terminal's diagnostics, uploaded only when IT asked: at most 256 KiB of JSON, the
 * last 400 log lines at most; the service keeps at most 3 per terminal, each 14 days. The kiosk's
 * own log rotates at 1 MiB through 5 files.
 */
export const R_DIAG_1_MAX_BYTES = 256 * 1024;
export const R_DIAG_1_LOG_LINES = 400;
export const R_DIAG_1_MAX_PER_TERMINAL = 3;
export const R_DIAG_1_KEEP_MS = 14 * 24 * 60 * MINUTE_MS;
export const R_DIAG_1_LOG_FILE_BYTES = 1024 * 1024;
export const R_DIAG_1_LOG_FILES = 5;

// The service's own choices below: no rule of RULES.md sets them (src-shared/rules-registry.ts
// lists them as such, so a new constant is either a rule's or named there).

/** A web session ends after 30 idle minutes or 8 hours. */
export const WEB_SESSION_IDLE_MS = 30 * MINUTE_MS;
export const WEB_SESSION_ABSOLUTE_MS = 8 * 60 * MINUTE_MS;
/**
 * A session's last use is written at most once a minute: a signed-in page makes several calls a
 * minute, and each write was a commit. The idle end can come up to this much early, never late.
 */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE_MS;
