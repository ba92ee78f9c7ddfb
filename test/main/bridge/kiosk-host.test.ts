import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../../src-shared/kiosk-bridge.js';
import type { SignInResult } from '../../../src-shared/host.js';
import { KioskHost } from '../../../src-renderer/lib/host/kiosk-host.js';

function fakeApi(calls: [string, unknown][]): KioskApi {
  return new Proxy({} as KioskApi, {
    get: (_t, name: string) => async (input?: unknown) => {
      calls.push([name, input]);
      if (name === 'login')
        return {
          ok: true,
          data: { status: 'otp_required', expiresAt: '2026-11-25T10:00:00.000Z', attestationFailed: true },
        };
      return { ok: true, data: { status: 'authenticated' } };
    },
  });
}

describe("KioskHost (the screens' Host on a kiosk)", () => {
  it('R-OTP-6 / R-KIOSK-3: never offers the skip checkbox and never asks to remember the device', async () => {
    const calls: [string, unknown][] = [];
    const host = new KioskHost(fakeApi(calls));
    expect(host.kind).toBe('kiosk');
    expect(host.offersOtpSkip).toBe(false);
    await host.submitOtp({ otp: '123456', rememberDevice: true });
    expect(calls).toEqual([['submitOtp', { otp: '123456', rememberDevice: false }]]);
  });

  it('R-KIOSK-2: passes attestationFailed on to the shell, and sends only id and password', async () => {
    const calls: [string, unknown][] = [];
    const seen: SignInResult[] = [];
    const host = new KioskHost(fakeApi(calls), { onSignIn: (r) => void seen.push(r) });
    const r = await host.login({ id: 'a@example.jp', password: 'p', extra: 'x' } as { id: string; password: string });
    expect(r).toMatchObject({ ok: true, data: { attestationFailed: true } });
    expect(calls).toEqual([['login', { id: 'a@example.jp', password: 'p' }]]);
    expect(seen).toEqual([{ status: 'otp_required', expiresAt: '2026-11-25T10:00:00.000Z', attestationFailed: true }]);
  });
});
