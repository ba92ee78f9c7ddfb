import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_PASSKEYS_MAX, STAFF_REGISTRATION_CODE_TTL_MS } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { createStaff, issueRegistrationCode } from '../../../src-server/staff/staff-members.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import type { TestClient } from '../../support/http-client.js';
import { createSoftAuthenticator, type SoftAuthenticator } from '../../support/soft-authenticator.js';
import { createStaffClient, passkeyLogin, registerStaff, staffOf } from '../../support/staff.js';

type Options = { challenge: string; rp: { id?: string }; user: { id: string } };

/** The passkeys stored for the staff member with this staff ID. */
const passkeysOf = (svc: TestService, staffId: string) =>
  svc.db
    .selectFrom('staff_passkeys')
    .innerJoin('staff_members', 'staff_members.id', 'staff_passkeys.staff_member_id')
    .select(['staff_passkeys.credential_id', 'staff_passkeys.public_key'])
    .where('staff_members.staff_id', '=', staffId)
    .execute();

/** Registration options for the code, answered by `auth` (`override`: another origin or credential ID); the last answer. */
async function registerPasskey(
  client: TestClient,
  auth: SoftAuthenticator,
  staffId: string,
  code: string,
  override: { origin?: string; credentialId?: string } = {},
) {
  const opts = await client.post<{ options: Options }>(staffApi.registrationOptions.path, { staffId, code });
  if (opts.status !== 200) return opts;
  return client.post(staffApi.registrationVerify.path, {
    staffId,
    code,
    response: auth.register(opts.body.options, override),
  });
}

describeEachDatabase('staff console: passkey registration with a one-time code', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  const newStaff = () =>
    createStaff(svc.db, svc.clock, { name: '窓口 一郎', role: 'office', office: '飯田橋公共職業安定所' });
  const authenticator = () => createSoftAuthenticator({ origin: staffOf(svc).origin });
  const options = (staffId: string, code: string) =>
    createStaffClient(svc).post<{ options: Options; error?: string }>(staffApi.registrationOptions.path, {
      staffId,
      code,
    });
  const register = (staffId: string, code: string, auth = authenticator()) =>
    registerPasskey(createStaffClient(svc), auth, staffId, code);

  it('the code registers one passkey, once: a second use of the same code is refused and adds nothing', async () => {
    const { staffId, code } = await newStaff();
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const auth = authenticator();
    expect((await register(staffId, code, auth)).status).toBe(204);
    const again = await register(staffId, code);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'registration_code_invalid' });
    expect(await passkeysOf(svc, staffId)).toHaveLength(1);
    expect((await passkeyLogin(createStaffClient(svc), auth, staffId)).status).toBe(200);
  });

  it('the code is stored only as its SHA-256, and typed in lower case or without hyphens it still works', async () => {
    const { staffId, code } = await newStaff();
    const rows = await svc.db.selectFrom('staff_registration_codes').select('code_hash').execute();
    expect(rows.some((r) => r.code_hash.includes(code.replace(/-/g, '')))).toBe(false);
    expect((await register(staffId.toLowerCase(), code.replace(/-/g, '').toLowerCase())).status).toBe(204);
  });

  it("a wrong code, another staff member's code, an unknown staff ID and an expired code all get the one answer 400 registration_code_invalid", async () => {
    const a = await newStaff();
    const b = await newStaff();
    const answers = [
      await options(a.staffId, 'AAAA-BBBB-CCCC-DDDD'),
      await options(a.staffId, b.code),
      await options('S9999999', a.code),
    ];
    svc.clock.advance(STAFF_REGISTRATION_CODE_TTL_MS);
    answers.push(await options(b.staffId, b.code));
    for (const r of answers) {
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        error: 'registration_code_invalid',
        message: '職員IDまたは登録コードが正しくないか、有効期間を過ぎています。',
      });
    }
  });

  it('a code that expires between the options and the verify is refused and registers nothing', async () => {
    const { staffId, code } = await newStaff();
    svc.clock.advance(STAFF_REGISTRATION_CODE_TTL_MS - 60_000);
    const opts = await options(staffId, code);
    expect(opts.status).toBe(200);
    svc.clock.advance(60_000);
    const r = await createStaffClient(svc).post(staffApi.registrationVerify.path, {
      staffId,
      code,
      response: authenticator().register(opts.body.options),
    });
    expect(r.body).toMatchObject({ error: 'registration_code_invalid' });
  });

  it('a registration answered for another origin is refused and leaves the code usable', async () => {
    const { staffId, code } = await newStaff();
    const r = await registerPasskey(createStaffClient(svc), authenticator(), staffId, code, {
      origin: 'https://evil.example',
    });
    expect(r.status).toBe(400);
    expect((await register(staffId, code)).status).toBe(204);
  });

  it('ten parallel registrations with one code (each with its own options): exactly one passkey is stored', async () => {
    const { staffId, code } = await newStaff();
    const prepared = await Promise.all(
      Array.from({ length: 10 }, async () => (await options(staffId, code)).body.options),
    );
    const results = await Promise.all(
      prepared.map((o) =>
        createStaffClient(svc).post(staffApi.registrationVerify.path, {
          staffId,
          code,
          response: authenticator().register(o),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
    expect(results.filter((r) => r.status === 400)).toHaveLength(9);
    expect(await passkeysOf(svc, staffId)).toHaveLength(1);
  });
});

describeEachDatabase('staff console: a credential ID that is stored already', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  it("registering another member's credential ID (read from their sign-in options) answers the 400 of any refused response, stores nothing and leaves the code live", async () => {
    const victim = await registerStaff(svc, { role: 'office' });
    const [stored] = await passkeysOf(svc, victim.staffId);
    const { staffId, code } = await createStaff(svc.db, svc.clock, {
      name: '窓口 二郎',
      role: 'office',
      office: '飯田橋公共職業安定所',
    });
    const client = createStaffClient(svc);
    const attacker = createSoftAuthenticator({ origin: staffOf(svc).origin });
    const r = await registerPasskey(client, attacker, staffId, code, { credentialId: stored?.credential_id ?? '' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'invalid_request', fields: ['response'] });
    expect(await passkeysOf(svc, staffId)).toEqual([]);
    expect(await passkeysOf(svc, victim.staffId)).toEqual([stored]);
    // the code was not spent by the refusal: a genuine passkey registers with it
    const ok = await registerPasskey(client, attacker, staffId, code);
    expect(ok.status).toBe(204);
    expect(await passkeysOf(svc, staffId)).toHaveLength(1);
    // and the victim still signs in with theirs
    expect((await passkeyLogin(createStaffClient(svc), victim.authenticator, victim.staffId)).status).toBe(200);
  });

  it(`a member with ${STAFF_PASSKEYS_MAX} passkeys registers no more: the 400 of a refused response, the code stays live`, async () => {
    const member = await registerStaff(svc, { role: 'it' });
    const id = (
      await svc.db
        .selectFrom('staff_members')
        .select('id')
        .where('staff_id', '=', member.staffId)
        .executeTakeFirstOrThrow()
    ).id;
    for (let i = 1; i < STAFF_PASSKEYS_MAX; i++) {
      const code = (await issueRegistrationCode(svc.db, svc.clock, member.staffId))?.code ?? '';
      const r = await registerPasskey(member.client, member.authenticator, member.staffId, code);
      expect(r.status).toBe(204);
    }
    const code = (await issueRegistrationCode(svc.db, svc.clock, member.staffId))?.code ?? '';
    const over = await registerPasskey(member.client, member.authenticator, member.staffId, code);
    expect(over.status).toBe(400);
    expect(await passkeysOf(svc, member.staffId)).toHaveLength(STAFF_PASSKEYS_MAX);
    const live = await svc.db
      .selectFrom('staff_registration_codes')
      .select('used_at')
      .where('staff_member_id', '=', id)
      .where('used_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
  });
});
