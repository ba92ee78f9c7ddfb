/**
 * Every rule of docs/spec/RULES.md by its ID: a one-line summary and the constants of
 * rules.ts that set it. test/shared/rules-registry.test.ts holds this table to RULES.md (no rule
 * without an entry, no entry without a rule, no rule without a test naming it) and writes
 * docs/rules.md from it (rule → its code → its tests).
 */
import * as rules from './rules.js';

export type RuleEntry = {
  summary: string;
  /** The constants (and the one shared function) of rules.ts that this rule sets, by name. */
  constants: Readonly<Record<string, unknown>>;
};

const pick = <K extends keyof typeof rules>(...names: K[]): Pick<typeof rules, K> =>
  Object.fromEntries(names.map((n) => [n, rules[n]])) as Pick<typeof rules, K>;

export const RULES = {
  'R-LOGIN-1': { summary: 'The ID is the registered e-mail address plus a password; button ログイン.', constants: {} },
  'R-LOGIN-2': {
    summary: 'A correct ID and password mail a one-time password; entering it opens the home screen.',
    constants: pick('R_LOGIN_2_OTP_DIGITS'),
  },
  'R-LOGIN-3': {
    summary: 'Five wrong passwords lock login for about 30 minutes; the screen does not say whether the ID exists.',
    constants: pick('R_LOGIN_3_MAX_FAILED_PASSWORDS', 'R_LOGIN_3_LOCK_MS'),
  },
  'R-LOGIN-4': {
    summary: 'A forgotten ID is not recovered online: the screen sends the user to their Hello Work office.',
    constants: {},
  },
  'R-LOGIN-5': {
    summary: 'Mail guidance: check receive filters and allow the (configurable) sender address.',
    constants: pick('R_LOGIN_5_SEED_MAIL_FROM'),
  },
  'R-OTP-1': {
    summary: 'The one-time password is single use and valid for 30 minutes.',
    constants: pick('R_OTP_1_TTL_MS'),
  },
  'R-OTP-2': {
    summary: 'Ten wrong entries invalidate the one-time password.',
    constants: pick('R_OTP_2_MAX_ATTEMPTS'),
  },
  'R-OTP-3': {
    summary: 'The skip checkbox, its confirmation, and 90 days of skipping the OTP on that browser.',
    constants: pick('R_OTP_3_DEVICE_TRUST_MS'),
  },
  'R-OTP-4': {
    summary: 'The skip holds only where it was set; it ends after 90 days, re-registration, an ID or password change.',
    constants: {},
  },
  'R-OTP-5': { summary: 'The skip settings are listed and revoked from the settings screens.', constants: {} },
  'R-OTP-6': {
    summary: 'The shared-terminal warning: do not tick the skip checkbox on a terminal others use.',
    constants: {},
  },
  'R-OTP-7': { summary: 'In-office terminals always skip the OTP.', constants: {} },
  'R-PW-1': { summary: 'パスワードをお忘れの方: enter the ID, an authentication key is mailed.', constants: {} },
  'R-PW-2': { summary: 'The new password twice and the key set the new password.', constants: {} },
  'R-PW-3': {
    summary: 'The reset key dies 50 minutes after its mail was sent.',
    constants: pick('R_PW_3_RESET_KEY_TTL_MS'),
  },
  'R-PW-4': {
    summary: 'Passwords have 8 to 32 half-width characters, digits, letters and symbols combined.',
    constants: pick('R_PW_4_MIN_LENGTH', 'R_PW_4_MAX_LENGTH'),
  },
  'R-PW-5': { summary: 'A completed reset cancels every OTP skip setting.', constants: {} },
  'R-PW-6': { summary: 'Closing the reset before completion means starting over.', constants: {} },
  'R-REREG-1': {
    summary: 'Within 30 days of withdrawal the account is re-registered with the former ID, password and a mailed key.',
    constants: pick('R_REREG_1_WINDOW_MS', 'isReregistrable'),
  },
  'R-REREG-2': {
    summary: 'From 31 days after withdrawal online re-registration is refused; the screen sends the user to an office.',
    constants: pick('R_REREG_2_REFUSED_FROM_MS', 'isReregistrable'),
  },
  'R-HOME-1': {
    summary: 'Home shows the company, the office, the new-message count and the job table.',
    constants: {},
  },
  'R-HOME-2': { summary: 'イベント情報検索 leads outside My Page.', constants: {} },
  'R-KIOSK-1': { summary: 'An Electron shell on office kiosks renders the screens in Svelte.', constants: {} },
  'R-KIOSK-2': {
    summary:
      'Main attests the machine with its enrolled key so the OTP is skipped; a terminal that cannot attest gets the OTP.',
    constants: pick('R_KIOSK_2_NONCE_TTL_MS'),
  },
  'R-KIOSK-3': { summary: 'The kiosk never persists device trust or anything of a visitor.', constants: {} },
  'R-KIOSK-4': {
    summary: 'On idle timeout the kiosk ends the session (server side too) and wipes every trace.',
    constants: pick(
      'R_KIOSK_4_IDLE_TIMEOUT_MS',
      'R_KIOSK_4_IDLE_WARNING_MS',
      'R_KIOSK_4_IDLE_WARNING_MIN_MS',
      'R_KIOSK_4_IDLE_ANNOUNCE_EVERY_S',
      'R_KIOSK_4_SESSION_IDLE_MS',
      'R_KIOSK_4_SESSION_ABSOLUTE_MS',
    ),
  },
  'R-KIOSK-5': {
    summary: 'IT installs signed builds and enrolls each terminal.',
    constants: pick('R_KIOSK_5_ENROLLMENT_CODE_TTL_MS'),
  },
  'R-KIOSK-6': { summary: 'Testers run Playwright against the Electron app.', constants: {} },
  'R-LOGIN-6': {
    summary:
      'Wrong passwords are counted and locked per source: each verified kiosk, each known browser, anywhere else.',
    constants: pick('R_LOGIN_6_KNOWN_BROWSER_MS'),
  },
  'R-LOGIN-7': {
    summary:
      'The fifth wrong password, on any screen, mails the owner (a withdrawn one within 30 days too) the lock notice once per lock.',
    constants: {},
  },
  'R-OTP-8': {
    summary: 'Per account and rolling hour at most 30 wrong OTPs and 10 OTP mails; past either, 429 and one mail.',
    constants: pick('R_OTP_8_MAX_WRONG_OTPS', 'R_OTP_8_MAX_OTP_MAILS', 'R_OTP_8_WINDOW_MS'),
  },
  'R-OTP-9': {
    summary: 'Remembering a browser mails the owner which browser, when, and where to revoke it.',
    constants: {},
  },
  'R-PW-7': {
    summary:
      '5 recovery mails an hour per kind; the owner’s known browsers and staff keys have budgets of their own; keys live their own time; answers never tell.',
    constants: pick(
      'R_PW_7_MAX_MAILS',
      'R_PW_7_WINDOW_MS',
      'R_PW_7_KNOWN_BROWSER_MAX_MAILS',
      'R_PW_7_STAFF_MAX_MAILS',
      'R_PW_7_MAILED_KEY_MAX_ATTEMPTS',
      'R_PW_7_MAILED_KEY_TTL_MS',
    ),
  },
  'R-CRED-1': {
    summary: 'A password change or reset, an ID change and a withdrawal end sessions, trust, challenges and keys.',
    constants: {},
  },
  'R-KIOSK-7': {
    summary: 'Attestations name their purpose and the login ID: one signature cannot be spent on another.',
    constants: {},
  },
  'R-FLEET-1': {
    summary:
      'A kiosk build below the minimum version (semver) is refused at login and heartbeat; 端末一覧 flags 要更新.',
    constants: {},
  },
  'R-FLEET-2': {
    summary: 'IT is mailed once per change per office when terminals go 応答なし or come back; /metrics counts states.',
    constants: {},
  },
  'R-DIAG-1': {
    summary:
      'IT asks a terminal for diagnostics; its next heartbeat uploads a signed, bounded, redacted bundle, kept 14 days.',
    constants: pick(
      'R_DIAG_1_MAX_BYTES',
      'R_DIAG_1_LOG_LINES',
      'R_DIAG_1_MAX_PER_TERMINAL',
      'R_DIAG_1_KEEP_MS',
      'R_DIAG_1_LOG_FILE_BYTES',
      'R_DIAG_1_LOG_FILES',
    ),
  },
} as const satisfies Record<string, RuleEntry>;

export type RuleId = keyof typeof RULES;

/** Exports of rules.ts that no rule sets: the service's own choices (named, so nothing slips in). */
export const NOT_A_RULE = [
  'WEB_SESSION_IDLE_MS',
  'WEB_SESSION_ABSOLUTE_MS',
  'SESSION_TOUCH_INTERVAL_MS',
] as const satisfies readonly (keyof typeof rules)[];
