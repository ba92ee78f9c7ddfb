/**
 * R-DIAG-1: what a terminal's diagnostics may not carry — visitor data (IDs, e-mail addresses,
 * passwords, OTPs, cookies, typed text) and secrets (keys, tokens, PIN hashes, enrollment codes).
 * One pure function, applied by the kiosk before it uploads a bundle and by the service again
 * before it stores one (a kiosk of an older build, or a log line nobody foresaw, must not put a
 * visitor's address into the console). It errs on the side of removing: a diagnostic that lost a
 * number is better than one that kept an OTP.
 *
 * Two nets: a value whose key names something private is replaced whole, whatever it holds; and
 * every string is scrubbed of what looks private wherever it stands (an address in a message, a
 * `token=…` in an error's text, a PEM block).
 */

/** What a removed value becomes. */
export const REDACTED = '[redacted]';

/**
 * The words of a key (camelCase, snake_case, kebab-case split) that make its value private.
 * `id` alone: a visitor's login ID is logged as `id` as often as `loginId`.
 */
const PRIVATE_KEY_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'otp',
  'pin',
  'token',
  'tokens',
  'cookie',
  'cookies',
  'secret',
  'key',
  'keys',
  'code',
  'codes',
  'signature',
  'nonce',
  'credential',
  'credentials',
  'authorization',
  'auth',
  'session',
  'email',
  'mail',
  'login',
  'account',
  'typed',
  'input',
  'challenge',
  'hash',
  'id',
  'company',
  'value',
]);

/** `adminPinHash` → admin, pin, hash; `set-cookie` → set, cookie; `loginID` → login, id. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export const isPrivateKey = (key: string): boolean => keyWords(key).some((w) => PRIVATE_KEY_WORDS.has(w));

/** Letters and digits both: a token or a code, not a word or a number. */
const mixed = (replacement: string) => (m: string) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? replacement : m);

/**
 * Patterns scrubbed from every string, in order (the wider ones first). Each runs in time linear
 * in the text: a match starts only where its run of characters starts (a lookbehind), and the
 * letters-and-digits test is a function on the run, not a lookahead at every position.
 */
const STRING_RULES: ReadonlyArray<readonly [RegExp, string | ((m: string) => string)]> = [
  // PEM blocks (private or public keys, certificates)
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[key]'],
  // the admin PIN's hash (and any scrypt hash)
  [/scrypt\$[^\s"',;]*/gi, '[hash]'],
  // Authorization headers
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // Cookie and Set-Cookie headers: everything after the name
  [/\b(set-cookie|cookie)(["']?\s*[:=]\s*)[^\n]*/gi, `$1$2${REDACTED}`],
  // e-mail addresses (visitors' login IDs), full-width @ included
  [/(?<![^\s@＠"'<>(),;:[\]])[^\s@＠"'<>(),;:[\]]+[@＠][^\s@＠"'<>(),;:[\]]+/g, '[email]'],
  // name=value and "name": "value" where the name is private (query strings, error texts, JSON in a message)
  [
    /\b([A-Za-z_-]*(?:password|passwd|pwd|otp|pin|token|secret|key|code|signature|nonce|session|sid|cookie|challenge|login|email|hash)[A-Za-z_-]*)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}]+)/gi,
    `$1$2${REDACTED}`,
  ],
  // long opaque strings with letters and digits: tokens, keys, signatures, nonces, hashes (base64, base64url, hex)
  [/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}/g, mixed('[token]')],
  // enrollment and registration codes as typed (ABCD-2345, ABCD2345)
  [/\b[A-Z0-9]{4}-?[A-Z0-9]{4}(?:-?[A-Z0-9]{4})?\b/g, mixed('[code]')],
  // OTP-looking runs of 4 to 8 digits standing alone (never inside a date, a version or a longer number)
  [/(?<![\d.:-])[0-9０-９]{4,8}(?![\d.:-])/g, '[number]'],
];

// eslint-disable-next-line no-control-regex -- control characters are what it finds (tab and line breaks stay)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text scrubbed of what looks private, and of control characters and lone surrogates (U+FFFD): valid text of the contract. */
export function redactText(text: string): string {
  let out = text.replace(CONTROL, '\ufffd').replace(LONE_SURROGATE, '\ufffd');
  for (const [pattern, replacement] of STRING_RULES)
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  return out;
}

/** Bounds of one value: nesting, a string's length, an array's or an object's size. */
const MAX_DEPTH = 8;
const MAX_STRING = 4_000;
const MAX_ENTRIES = 1_000;

/**
 * A copy of `value` with private keys' values replaced, every string scrubbed (and cut to 4,000
 * characters), nesting cut at 8 levels and containers at 1,000 entries. Plain JSON in, plain JSON out.
 * The bundle's own field names (DiagnosticsBundle) are none of the private words, so it keeps its shape.
 */
export function redactDiagnostics<T>(value: T): T {
  return redact(value, 0) as T;
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value.slice(0, MAX_STRING));
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.slice(0, MAX_ENTRIES).map((v) => redact(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ENTRIES)) {
      out[redactText(k)] = isPrivateKey(k) ? REDACTED : redact(v, depth + 1);
    }
    return out;
  }
  return REDACTED; // undefined, functions, symbols, bigints: nothing a diagnostic needs
}
