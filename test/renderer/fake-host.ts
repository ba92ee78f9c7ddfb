import { hostCallNames, type HostCallName } from '../../src-shared/host-calls.js';
import type { Host, HostOutput, HostResult, SignInResult } from '../../src-shared/host.js';

type Answer<T> = HostResult<T> | (() => HostResult<T> | Promise<HostResult<T>>);

/** What each call answers unless the test says otherwise: success, with plain data where there is data. */
const defaults: { [K in HostCallName]?: HostOutput<K> } = {
  meta: { mailFrom: 'noreply@example.jp', production: false },
  login: { status: 'otp_required', expiresAt: '' },
  submitOtp: { status: 'authenticated' },
  home: { company: 'C', office: 'O', newMessages: 0, postings: [] },
  devices: { devices: [] },
};
/** The calls whose input the fake records. */
const recorded = new Set<HostCallName>(['login', 'submitOtp', 'cancelLogin']);

/** A Host whose answers the test sets; it records the login steps' calls. */
export function fakeHost(answers: { login?: Answer<SignInResult>; submitOtp?: Answer<SignInResult> } = {}) {
  const calls: Array<{ name: string; input: unknown }> = [];
  const answer = async <T>(a: Answer<T> | undefined, fallback: HostResult<T>): Promise<HostResult<T>> =>
    typeof a === 'function' ? a() : (a ?? fallback);
  const host = { kind: 'web', offersOtpSkip: true } as Record<string, unknown>;
  for (const name of hostCallNames) {
    host[name] = async (input?: unknown) => {
      if (recorded.has(name)) calls.push({ name, input: input ?? null });
      return answer((answers as Record<string, Answer<unknown> | undefined>)[name], { ok: true, data: defaults[name] });
    };
  }
  return { host: host as unknown as Host, calls };
}
