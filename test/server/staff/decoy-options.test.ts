import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_PASSKEYS_MAX } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { issueRegistrationCode } from '../../../src-server/staff/staff-members.service.js';
import { insertPasskey } from '../../../src-server/staff/staff.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, passkeyLogin, registerStaff } from '../../support/staff.js';

type Options = { challenge: string; allowCredentials: Array<Record<string, unknown> & { id: string }> };
const bytesOf = (id: string) => Buffer.from(id, 'base64url').length;
/** What an observer can compare: the number of entries, each entry's fields and its ID's size. */
const shapeOf = (list: Options['allowCredentials']) =>
  list.map((c) => ({ fields: Object.keys(c).sort(), bytes: bytesOf(c.id) })).sort((a, b) => a.bytes - b.bytes);

describeEachDatabase('staff sign-in options: an unknown staff ID looks like a known one', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  const optionsFor = async (staffId: string) => {
    const r = await createStaffClient(svc).post<{ options: Options }>(staffApi.loginOptions.path, { staffId });
    expect(r.status).toBe(200);
    return r.body.options.allowCredentials;
  };
  const memberId = async (staffId: string) =>
    (await svc.db.selectFrom('staff_members').select('id').where('staff_id', '=', staffId).executeTakeFirstOrThrow())
      .id;

  it('no transports for anyone, and the decoy credential IDs have the size of the passkeys registered here', async () => {
    const known = await registerStaff(svc, { role: 'it' });
    // a passkey as a platform authenticator with 20-byte credential IDs would store it
    await svc.db.deleteFrom('staff_passkeys').execute();
    await insertPasskey(svc.db, {
      credential_id: Buffer.alloc(20, 7).toString('base64url'),
      staff_member_id: await memberId(known.staffId),
      public_key: 'x',
      counter: 0,
      transports: JSON.stringify(['hybrid', 'internal']),
      created_at: svc.clock.now().getTime(),
      last_used_at: null,
    });

    const real = await optionsFor(known.staffId);
    const decoys = [await optionsFor('S7654321'), await optionsFor('S1111111')];
    expect(shapeOf(real)).toEqual(
      Array.from({ length: STAFF_PASSKEYS_MAX }, () => ({ fields: ['id', 'type'], bytes: 20 })),
    );
    for (const decoy of decoys) expect(shapeOf(decoy)).toEqual(shapeOf(real));
    expect(decoys[0]?.map((c) => c.id)).not.toEqual(decoys[1]?.map((c) => c.id));
    // the same unknown ID gets the same decoys every time (changing ones would tell)
    expect(await optionsFor('S7654321')).toEqual(decoys[0]);
    expect(await optionsFor(known.staffId)).toEqual(real);
  });

  it('an unknown staff ID, a member with one passkey and a member with two get options of one shape (same count, sizes, fields), each the same on every ask, and both members still sign in', async () => {
    // only this test's passkeys (the soft authenticator's are 32 bytes, like the decoys then)
    await svc.db.deleteFrom('staff_passkeys').execute();
    const one = await registerStaff(svc, { role: 'office' });
    const two = await registerStaff(svc, { role: 'office' });
    const code = (await issueRegistrationCode(svc.db, svc.clock, two.staffId))?.code ?? '';
    const opts = await two.client.post<{ options: { challenge: string; rp: { id?: string }; user: { id: string } } }>(
      staffApi.registrationOptions.path,
      { staffId: two.staffId, code },
    );
    const second = await two.client.post(staffApi.registrationVerify.path, {
      staffId: two.staffId,
      code,
      response: two.authenticator.register(opts.body.options),
    });
    expect(second.status).toBe(204);
    expect(
      await svc.db
        .selectFrom('staff_passkeys')
        .where('staff_member_id', '=', await memberId(two.staffId))
        .select('credential_id')
        .execute(),
    ).toHaveLength(2);

    const lists = {
      unknown: await optionsFor('S2468024'),
      one: await optionsFor(one.staffId),
      two: await optionsFor(two.staffId),
    };
    expect(lists.unknown).toHaveLength(STAFF_PASSKEYS_MAX);
    expect(shapeOf(lists.one)).toEqual(shapeOf(lists.unknown));
    expect(shapeOf(lists.two)).toEqual(shapeOf(lists.unknown));
    for (const list of Object.values(lists)) expect(new Set(list.map((c) => c.id)).size).toBe(STAFF_PASSKEYS_MAX);
    expect(await optionsFor('S2468024')).toEqual(lists.unknown);
    expect(await optionsFor(two.staffId)).toEqual(lists.two);
    // the real credentials are among the entries, not in a telling place, and sign-in works with each
    const stored = await svc.db
      .selectFrom('staff_passkeys')
      .where('staff_member_id', '=', await memberId(two.staffId))
      .select('credential_id')
      .execute();
    for (const { credential_id } of stored) expect(lists.two.map((c) => c.id)).toContain(credential_id);
    expect((await passkeyLogin(createStaffClient(svc), one.authenticator, one.staffId)).status).toBe(200);
    expect((await passkeyLogin(createStaffClient(svc), two.authenticator, two.staffId)).status).toBe(200);
  });
});
