import { z } from 'zod';
import { api } from './api/routes.js';
import { AccountId, DeviceParams, IsoDateTime, OtpCode, TypedPassword } from './api/schemas.js';
import { hostCallNames, hostCalls, type HostCallName } from './host-calls.js';

/** A call without input, or an answer without data. */
export const Empty = z.undefined();

/** What a login step answers the screens (the challenge and the token stay with the host). */
export const SignInResult = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('otp_required'),
    expiresAt: IsoDateTime,
    /** kiosk only: the terminal could not be verified */
    attestationFailed: z.boolean().optional(),
  }),
  z.strictObject({ status: z.literal('authenticated') }),
]);
export type SignInResult = z.output<typeof SignInResult>;

/**
 * The calls whose input or answer is not their route's body and response: the login steps (the
 * host adds the attestation and the challenge, and keeps the token), the local cancel, and the
 * device id that travels in the path.
 */
const ownSchemas = {
  login: { input: z.strictObject({ id: AccountId, password: TypedPassword }), output: SignInResult },
  submitOtp: { input: z.strictObject({ otp: OtpCode, rememberDevice: z.boolean() }), output: SignInResult },
  cancelLogin: { input: Empty, output: Empty },
  revokeDevice: { input: DeviceParams, output: Empty },
} as const satisfies Partial<Record<HostCallName, { input: z.ZodType; output: z.ZodType }>>;

type Calls = typeof hostCalls;
type Routes = typeof api;
type Own = typeof ownSchemas;
type RouteSchemas<R extends keyof Routes> = {
  input: Routes[R] extends { body: infer B extends z.ZodType } ? B : typeof Empty;
  output: Routes[R] extends { response: infer O extends z.ZodType } ? O : typeof Empty;
};

/** Each Host call's input and output schema: its own, or else its route's body and response. */
export type HostCallSchemas = {
  [K in HostCallName]: K extends keyof Own
    ? Own[K]
    : Calls[K] extends { route: infer R extends keyof Routes }
      ? RouteSchemas<R>
      : never;
};

function routeSchemas(name: HostCallName): { input: z.ZodType; output: z.ZodType } {
  const call = hostCalls[name];
  const route = ('route' in call ? api[call.route] : {}) as { body?: z.ZodType; response?: z.ZodType };
  return { input: route.body ?? Empty, output: route.response ?? Empty };
}

export const hostCallSchemas = Object.fromEntries(
  hostCallNames.map((name) => [name, name in ownSchemas ? ownSchemas[name as keyof Own] : routeSchemas(name)]),
) as unknown as HostCallSchemas;

export type HostInput<K extends HostCallName> = z.input<HostCallSchemas[K]['input']>;
export type HostOutput<K extends HostCallName> = DataOf<HostCallSchemas[K]['output']>;
/** The data of an answer schema; `void` for `Empty` (an answer without data). */
export type DataOf<S extends z.ZodType> = [z.output<S>] extends [undefined] ? void : z.output<S>;
