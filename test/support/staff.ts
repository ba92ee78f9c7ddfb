import type { StaffRole, StepUpBinding } from '../../src-shared/staff-api/auth.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import { createStaff } from '../../src-server/staff/staff-members.service.js';
import { createClient, type TestClient } from './http-client.js';
import type { TestService } from './service-harness.js';
import { createSoftAuthenticator, type SoftAuthenticator } from './soft-authenticator.js';

type Options = {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
  rpId?: string;
  allowCredentials?: { id: string }[];
};

/** A passkey sign-in answer that is well formed and proves nothing (for a staff ID with no passkey). */
export const UNPROVEN_PASSKEY_RESPONSE = {
  id: 'eA',
  rawId: 'eA',
  type: 'public-key',
  response: { clientDataJSON: 'eA', authenticatorData: 'eA', signature: 'eA' },
  clientExtensionResults: {},
} as const;

/** The staff listener of a service started with `startTestService({ staff: true })`. */
export function staffOf(svc: TestService): NonNullable<TestService['staff']> {
  if (!svc.staff) throw new Error('start the service with startTestService({ staff: true })');
  return svc.staff;
}

/** A client of the staff listener that sends the staff origin (http://localhost:<port>) like the console's browser. */
export function createStaffClient(svc: TestService): TestClient {
  const staff = staffOf(svc);
  const client = createClient(staff.url);
  return {
    ...client,
    post: (path, body, opts) => client.post(path, body, { origin: staff.origin, ...opts }),
    del: (path, opts) => client.del(path, { origin: staff.origin, ...opts }),
  };
}

export interface StaffSession {
  client: TestClient;
  authenticator: SoftAuthenticator;
  staffId: string;
  /** A fresh `stepUp` body field: step-up options for this session, action and target, answered by the passkey. */
  stepUp(binding: StepUpBinding): Promise<ReturnType<SoftAuthenticator['authenticate']>>;
}

/** Creates a staff member (as `mypage create-staff` does) and registers a soft passkey with their code. */
export async function registerStaff(svc: TestService, input: { role: StaffRole; office?: string; name?: string }) {
  const created = await createStaff(svc.db, svc.clock, {
    name: input.name ?? `職員 ${input.role}`,
    role: input.role,
    office: input.role === 'office' ? (input.office ?? '飯田橋公共職業安定所') : undefined,
  });
  const client = createStaffClient(svc);
  const authenticator = createSoftAuthenticator({ origin: staffOf(svc).origin });
  const opts = await client.post<{ options: Options }>(staffApi.registrationOptions.path, {
    staffId: created.staffId,
    code: created.code,
  });
  if (opts.status !== 200) throw new Error(`registration options: ${opts.status} ${JSON.stringify(opts.body)}`);
  const done = await client.post(staffApi.registrationVerify.path, {
    staffId: created.staffId,
    code: created.code,
    response: authenticator.register(opts.body.options),
  });
  if (done.status !== 204) throw new Error(`registration verify: ${done.status} ${JSON.stringify(done.body)}`);
  return { ...created, client, authenticator };
}

/** Signs a registered staff member in with their passkey; the answer of `/login/verify`. */
export async function passkeyLogin(
  client: TestClient,
  authenticator: SoftAuthenticator,
  staffId: string,
  override: { origin?: string } = {},
) {
  const opts = await client.post<{ options: Options }>(staffApi.loginOptions.path, { staffId });
  return client.post(staffApi.loginVerify.path, {
    staffId,
    response: authenticator.authenticate(opts.body.options, override),
  });
}

/**
 * A signed-in staff member of `role` (and `office` for role office): created, passkey
 * registered, signed in. `client` carries the staff session; `stepUp({action, target})` makes a fresh stepUp body.
 */
export async function signInStaff(
  svc: TestService,
  input: { role: StaffRole; office?: string; name?: string },
): Promise<StaffSession> {
  const { staffId, client, authenticator } = await registerStaff(svc, input);
  const r = await passkeyLogin(client, authenticator, staffId);
  if (r.status !== 200) throw new Error(`staff login: ${r.status} ${JSON.stringify(r.body)}`);
  return {
    client,
    authenticator,
    staffId,
    async stepUp(binding) {
      const opts = await client.post<{ options: Options }>(staffApi.stepUpOptions.path, binding);
      if (opts.status !== 200) throw new Error(`step-up options: ${opts.status} ${JSON.stringify(opts.body)}`);
      return authenticator.authenticate(opts.body.options);
    },
  };
}
