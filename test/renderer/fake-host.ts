import type { Host, HostResult, SignInResult } from '../../src-shared/host.js';

type Answer<T> = HostResult<T> | (() => HostResult<T> | Promise<HostResult<T>>);

/** A Host whose answers the test sets; it records every call. */
export function fakeHost(answers: { login?: Answer<SignInResult>; submitOtp?: Answer<SignInResult> } = {}) {
  const calls: Array<{ name: string; input: unknown }> = [];
  const ok = { ok: true as const, data: undefined };
  const answer = async <T>(a: Answer<T> | undefined, fallback: HostResult<T>): Promise<HostResult<T>> => (typeof a === 'function' ? a() : (a ?? fallback));
  const host: Host = {
    kind: 'web',
    offersOtpSkip: true,
    meta: async () => ({ ok: true, data: { mailFrom: 'noreply@example.jp', production: false } }),
    login: async (input) => (calls.push({ name: 'login', input }), answer(answers.login, { ok: true, data: { status: 'otp_required', expiresAt: '' } })),
    submitOtp: async (input) => (calls.push({ name: 'submitOtp', input }), answer(answers.submitOtp, { ok: true, data: { status: 'authenticated' } })),
    cancelLogin: async () => void calls.push({ name: 'cancelLogin', input: null }),
    logout: async () => ok,
    home: async () => ({ ok: true, data: { company: 'C', office: 'O', newMessages: 0, postings: [] } }),
    requestPasswordReset: async () => ok,
    completePasswordReset: async () => ok,
    requestReregistration: async () => ok,
    completeReregistration: async () => ok,
    devices: async () => ({ ok: true, data: { devices: [] } }),
    revokeDevice: async () => ok,
    changePassword: async () => ok,
    changeEmail: async () => ok,
    confirmEmail: async () => ok,
    withdraw: async () => ok,
  };
  return { host, calls };
}
