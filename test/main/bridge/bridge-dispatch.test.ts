import { describe, expect, it } from 'vitest';
import { kioskChannels } from '../../../src-shared/kiosk-bridge.js';
import { buildTestCore } from '../fakes/core-harness.js';

const core = (await buildTestCore({ serviceUrl: 'http://127.0.0.1:9' })).core;
const refused = { ok: false, error: { error: 'invalid_request' } };

// [channel, payload]: what a compromised or buggy page might send.
const bad: [string, unknown][] = [
  ['login', undefined],
  ['login', null],
  ['login', 'kiosk@example.jp'],
  ['login', { id: 'kiosk@example.jp' }],
  ['login', { id: 'not an address', password: 'x' }],
  ['login', { id: 'kiosk@example.jp', password: 42 }],
  ['login', { id: 'kiosk@example.jp', password: 'x'.repeat(5000) }],
  // R-KIOSK-2: the page cannot bring its own attestation; main makes it.
  ['login', { id: 'kiosk@example.jp', password: 'x', attestation: { terminalId: 't', nonce: 'n', signature: 'AA==' } }],
  ['login', { id: 'kiosk@example.jp', password: 'x', __proto__: { admin: true }, token: 'steal' }],
  // R-KIOSK-3 / R-OTP-7: the kiosk never remembers a device.
  ['submitOtp', { otp: '123456', rememberDevice: true }],
  ['submitOtp', { otp: '123456' }],
  ['submitOtp', { otp: '12345', rememberDevice: false }],
  ['submitOtp', { otp: '1234567', rememberDevice: false }],
  ['submitOtp', { otp: 'abcdef', rememberDevice: false }],
  ['home', { token: 'x' }],
  ['meta', {}],
  ['revokeDevice', { id: '../../admin' }],
  ['revokeDevice', { id: '' }],
  ['enroll', { serviceUrl: 'javascript:alert(1)', code: 'ABCD' }],
  ['enroll', { serviceUrl: 'file:///etc/passwd', code: 'ABCD' }],
  ['enroll', { serviceUrl: 'https://mypage.example.jp', code: '' }],
  ['enroll', { serviceUrl: 'https://mypage.example.jp' }],
  ['adminExit', { pin: '' }],
  ['adminExit', {}],
  ['completePasswordReset', { id: 'a@example.jp', key: 'K', newPassword: 'x' }],
  ['changeEmail', { newId: 'a@example.jp', password: 'p', extra: 1 }],
  // channels that do not exist
  ['getToken', undefined],
  ['__proto__', undefined],
  ['constructor', undefined],
  ['kiosk:login', { id: 'kiosk@example.jp', password: 'x' }],
];

describe('bridge validation: every call from the renderer is checked against src-shared/kiosk-bridge.ts', () => {
  it.each(bad)('R-KIOSK-3: %s with a bad payload is refused with invalid_request', async (channel, payload) => {
    expect(await core.dispatch(channel, payload)).toMatchObject(refused);
  });

  it('a refused payload is logged by field name, never by value (passwords stay out of the log)', async () => {
    const built = await buildTestCore({ serviceUrl: 'http://127.0.0.1:9' });
    await built.core.dispatch('login', { id: 'kiosk@example.jp', password: 12345678 });
    expect(built.log.text()).toContain('password');
    expect(built.log.text()).not.toContain('12345678');
  });

  it('good payloads reach the handlers (and no handler answers with a token)', async () => {
    const built = await buildTestCore({ serviceUrl: 'http://127.0.0.1:9' });
    const status = await built.core.dispatch('status', undefined);
    expect(status).toMatchObject({
      ok: true,
      data: { enrolled: false, idleTimeoutSeconds: 120, idleWarningSeconds: 30 },
    });
    expect(await built.core.dispatch('activity', undefined)).toEqual({ ok: true, data: undefined });
  });

  it('the channel list, the schemas and the handlers name the same calls', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...kioskChannels].sort());
  });
});
