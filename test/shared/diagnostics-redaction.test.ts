import { describe, expect, it } from 'vitest';
import { isPrivateKey, REDACTED, redactDiagnostics, redactText } from '../../src-shared/diagnostics-redaction.js';

/** Each row: a text a log line might hold, and the private part that must not survive. */
const PRIVATE_IN_TEXT: Array<[string, string, string]> = [
  ['an e-mail address (a login ID)', 'login refused for kiosk-visitor@example.jp', 'kiosk-visitor@example.jp'],
  ['a full-width @ address', 'ID ｙａｍａｄａ＠example.jp typed', '＠example.jp'],
  ['a password in a query string', 'POST /login?id=x&password=Hello-Work2026!', 'Hello-Work2026!'],
  ['a password in JSON text', '{"password":"S3cret pass"}', 'S3cret pass'],
  ['an OTP in a sentence', 'otp 482913 was wrong', '482913'],
  ['a bare OTP', 'the code 739201 expired', '739201'],
  ['a full-width OTP', 'ワンタイムパスワード ４８２９１３', '４８２９１３'],
  ['a Cookie header', 'Cookie: session=abc123; known_browser=kb_9f8e7d', 'abc123'],
  ['a Set-Cookie header', 'set-cookie: mypage_session=s3ss10n; Path=/; HttpOnly', 's3ss10n'],
  ['a bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.sig', 'eyJhbGciOiJIUzI1NiJ9'],
  ['a token in an error', 'kiosk token=Zx8qLm2Np4Rt7Vw9Yb3Cd5 rejected', 'Zx8qLm2Np4Rt7Vw9Yb3Cd5'],
  ['an opaque base64url token', 'session 8sJk2Lq9Xw4Nz7Rt1Vb5Mc3Pd6Hf0Ga', '8sJk2Lq9Xw4Nz7Rt1Vb5Mc3Pd6Hf0Ga'],
  [
    'a public key (base64 SPKI)',
    'key MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
    'Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE',
  ],
  [
    'a PEM private key',
    '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----',
    'MC4CAQAwBQYDK2VwBCIEI',
  ],
  ['the admin PIN hash', 'adminPinHash scrypt$16384$8$1$c2FsdA==$aGFzaA==', 'c2FsdA=='],
  ['an enrollment code', 'enrolling with ABCD-2345', 'ABCD-2345'],
  ['an enrollment code typed without its hyphen', 'enroll ABCD2345 failed', 'ABCD2345'],
  ['a signature', 'signature=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==', 'dGhpcyBpcyBub3Qg'],
  ['a hex hash', 'machine 3d1219c7c4c5404aaa1f6d2a48adfda4', '3d1219c7c4c5404aaa1f6d2a48adfda4'],
];

/** Values keyed by a name that says they are private: replaced whatever they hold. */
const PRIVATE_KEYS: Array<[string, unknown]> = [
  ['password', 'hunter2'],
  ['newPassword', 'Hello-Work2026!'],
  ['otp', 123456],
  ['loginId', 'someone'],
  ['id', 'someone-else'],
  ['email', 'x'],
  ['cookie', 'a=b'],
  ['set-cookie', ['a=b']],
  ['token', 'abc'],
  ['adminPinHash', 'anything'],
  ['privateKey', { kty: 'OKP' }],
  ['enrollment_code', 'WXYZ'],
  ['typedText', 'whatever the visitor typed'],
  ['value', 'the field value'],
  ['nonce', 'n'],
  ['signature', 's'],
];

/** What a diagnostic needs must survive. */
const KEPT: Array<[string, string]> = [
  ['an ISO time', '2026-12-08T01:16:26.123Z'],
  ['a version', '1.4.0-rc.2'],
  ['a wipe step', 'clear-http-cache (failed)'],
  ['a loopback URL with its port', 'http://127.0.0.1:41234'],
  ['a message', 'heartbeat: the service is unreachable'],
  ['an office', '飯田橋公共職業安定所'],
];

describe('R-DIAG-1: diagnostics are redacted (src-shared/diagnostics-redaction.ts)', () => {
  it.each(PRIVATE_IN_TEXT)('R-DIAG-1: %s is removed from any text', (_what, text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(JSON.stringify(redactDiagnostics({ msg: text, list: [text] }))).not.toContain(secret);
  });

  it.each(PRIVATE_KEYS)('R-DIAG-1: a value keyed %s is replaced whole', (key, value) => {
    expect(isPrivateKey(key)).toBe(true);
    expect(redactDiagnostics({ data: { [key]: value } })).toEqual({ data: { [key]: REDACTED } });
  });

  it.each(KEPT)('R-DIAG-1: %s is kept', (_what, text) => {
    expect(redactText(text)).toBe(text);
  });

  it('R-DIAG-1: the bundle keeps its own shape and its facts; nothing else of a value is lost', () => {
    const bundle = {
      collectedAt: '2026-12-08T01:00:00.000Z',
      version: '1.4.0',
      policy: { idleTimeoutSeconds: 120, onScreenKeyboard: 'auto', restartAtHour: null, adminPinHash: 'scrypt$1' },
      log: [{ at: '2026-12-08T01:00:00.000Z', level: 'warn', msg: 'wipe: done', data: { reason: 'idle', ms: 12 } }],
      wipes: [{ at: '2026-12-08T01:00:00.000Z', reason: 'idle', steps: ['logout'], leftovers: [], restarted: false }],
      offline: [{ from: '2026-12-08T00:00:00.000Z', to: null }],
    };
    expect(redactDiagnostics(bundle)).toEqual({ ...bundle, policy: { ...bundle.policy, adminPinHash: REDACTED } });
  });

  it('R-DIAG-1: values are bounded and plain: long strings cut, deep nesting and non-JSON values dropped', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: 'deep' } } } } } } } } };
    const out = redactDiagnostics({ long: 'x'.repeat(10_000), deep, fn: () => 1, n: Number.NaN }) as Record<
      string,
      unknown
    >;
    expect((out.long as string).length).toBe(4_000);
    expect(JSON.stringify(out.deep)).not.toContain('deep"');
    expect(out.fn).toBe(REDACTED);
    expect(out.n).toBeNull();
  });

  it('R-DIAG-1: redaction takes time linear in the text (a 256 KiB bundle of long runs is quick)', () => {
    const runs = ['y'.repeat(4_000), `${'a1'.repeat(2_000)}`, 'A'.repeat(4_000), '9'.repeat(4_000), 'x@'.repeat(2_000)];
    const started = performance.now();
    for (let i = 0; i < 64; i++) redactDiagnostics({ log: runs.map((msg) => ({ msg })) });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('R-DIAG-1: a text cut in the middle of an emoji, or holding control characters, stays valid text', () => {
    const cut = redactDiagnostics({ msg: `${'x'.repeat(3_999)}😀` });
    expect(cut.msg).not.toMatch(/[\ud800-\udbff]$/);
    // eslint-disable-next-line no-control-regex -- what must not be left
    expect(redactText('bell \u0007 escape \u001b[31m end')).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
