import type { HostError, HostResult, SignInResult } from '../../../src-shared/host.js';
import type { Logger } from '../ports.js';
import type { CallOptions, Credential, ServiceClient } from '../service/service-client.js';
import {
  hostCallNames,
  hostCalls,
  requestOf,
  type HostCallName,
  type RoutedCall,
} from '../../../src-shared/host-calls.js';
import { attest, type Signer } from '../terminal/attestation.js';
import type { VisitorSession } from '../wipe/visitor-session.js';
import type { WipeReason, WipeReport } from '../wipe/session-wiper.js';
import type { KioskHandlers } from './bridge-dispatch.js';

export type VisitorDeps = {
  client: () => ServiceClient | undefined;
  signer: () => Promise<Signer | undefined>;
  session: VisitorSession;
  wipe: (reason: WipeReason) => Promise<WipeReport>;
  log: Logger;
};

// Codes only: the screens word them (ja, en).
const notEnrolled: HostError = { error: 'network_error', message: '', reason: 'not_enrolled' };
const unauthenticated: HostError = { error: 'unauthenticated', message: '' };

/**
 * The Host calls of the screens, answered from main (R-KIOSK-2, R-KIOSK-3, R-OTP-7): login attests the
 * terminal, the credential stays here, and the OTP step appears only when attestation failed.
 */
export function createVisitorHandlers(deps: VisitorDeps): Pick<KioskHandlers, HostCallName> {
  const { session } = deps;
  return {
    ...routedCalls(deps),
    login: (input) => loginAttested(deps, input),
    submitOtp: (input) => submitOtpStep(deps, input),

    async cancelLogin() {
      session.cancelOtp();
      return { ok: true, data: undefined };
    },

    async logout() {
      // The wipe logs out at the service first, then replaces the page with a fresh login.
      void deps.wipe('logout');
      return { ok: true, data: undefined };
    },
  };
}

/** The routed calls of the table, answered through the terminal's client (anonymous or signed in). */
function routedCalls(deps: VisitorDeps): Pick<KioskHandlers, HostCallName> {
  const { session } = deps;

  async function anonymous<T>(run: (client: ServiceClient) => Promise<HostResult<T>>): Promise<HostResult<T>> {
    const client = deps.client();
    return client ? run(client) : { ok: false, error: notEnrolled };
  }

  async function signedIn<T>(
    run: (client: ServiceClient, credential: Credential) => Promise<HostResult<T>>,
  ): Promise<HostResult<T>> {
    const client = deps.client();
    const credential = session.credential;
    if (!client || !credential) return { ok: false, error: unauthenticated };
    const answer = await run(client, credential);
    if (!answer.ok && answer.error.error === 'unauthenticated') session.drop(); // ended or revoked at the service
    return answer;
  }

  /**
   * Every routed call of the table, as it is: anonymous, or with the visitor's credential. The
   * login steps, the local cancel and the logout (a wipe) are createVisitorHandlers' own.
   */
  return Object.fromEntries(
    hostCallNames.flatMap((name) => {
      const call = hostCalls[name];
      if (!('route' in call)) return [];
      const send = (c: ServiceClient, input: unknown, credential?: Credential) =>
        c.call(call.route, {
          body: requestOf(call, input).body,
          params: input as Record<string, string> | undefined,
          ...(credential ? { credential } : {}),
        } as CallOptions<RoutedCall['route']>);
      return [
        [
          name,
          call.access === 'session'
            ? (input: unknown) => signedIn((c, credential) => send(c, input, credential))
            : (input: unknown) => anonymous((c) => send(c, input)),
        ],
      ];
    }),
  ) as Pick<KioskHandlers, HostCallName>;
}

/** R-KIOSK-2, R-OTP-7: the login attests the terminal; the OTP step only when that failed. */
async function loginAttested(
  deps: VisitorDeps,
  { id, password }: Parameters<KioskHandlers['login']>[0],
): ReturnType<KioskHandlers['login']> {
  const { session, log } = deps;
  const client = deps.client();
  if (!client) return { ok: false, error: notEnrolled };
  session.cancelOtp();
  const signer = await deps.signer().catch((error: unknown) => {
    log.error('the terminal key cannot be read', { error: String(error) });
    return undefined;
  });
  const outcome = signer
    ? await attest(client, signer, id)
    : { ok: false as const, reason: 'not enrolled or key unreadable' };
  if (!outcome.ok) log.warn('attestation failed: this login goes on with the OTP step', { reason: outcome.reason });
  const answer = await client.call('login', {
    body: { id, password, ...(outcome.ok ? { attestation: outcome.attestation } : {}) },
  });
  if (!answer.ok) return answer;
  if (answer.data.status === 'otp_required') {
    if (outcome.ok) log.warn('the service did not accept this terminal (revoked or unknown): OTP step');
    session.pendingOtp(answer.data.challenge);
    // R-KIOSK-2: on a kiosk the OTP step means the terminal could not be verified.
    return {
      ok: true,
      data: { status: 'otp_required', expiresAt: answer.data.expiresAt, attestationFailed: true },
    };
  }
  if (!answer.data.token) return { ok: false, error: { error: 'internal_error', message: '' } };
  session.signedIn({ kind: 'bearer', token: answer.data.token });
  return { ok: true, data: { status: 'authenticated' } };
}

/** The OTP step (a terminal that could not attest): the credential stays in main (R-KIOSK-3). */
async function submitOtpStep(
  deps: VisitorDeps,
  { otp }: Parameters<KioskHandlers['submitOtp']>[0],
): ReturnType<KioskHandlers['submitOtp']> {
  const { session } = deps;
  const client = deps.client();
  const challenge = session.challenge;
  if (!client || !challenge) return { ok: false, error: { error: 'otp_expired', message: '' } };
  let cookies: string[] = [];
  // R-KIOSK-3: rememberDevice is always false here (the bridge refuses true).
  const answer = await client.call('loginOtp', {
    body: { challenge, otp, rememberDevice: false },
    onCookies: (c) => (cookies = c),
  });
  if (!answer.ok) {
    if (answer.error.error === 'otp_expired' || answer.error.error === 'otp_exhausted') session.cancelOtp();
    return answer;
  }
  const token = (answer.data as { token?: unknown }).token;
  if (typeof token === 'string') session.signedIn({ kind: 'bearer', token });
  else if (cookies.length) session.signedIn({ kind: 'cookie', cookie: cookies.join('; ') });
  else return { ok: false, error: { error: 'internal_error', message: '' } };
  return { ok: true, data: { status: 'authenticated' } satisfies SignInResult };
}
