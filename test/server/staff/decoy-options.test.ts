import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { insertPasskey } from '../../../src-server/staff/staff.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, registerStaff } from '../../support/staff.js';

type Options = { allowCredentials: Array<Record<string, unknown> & { id: string }> };
const bytesOf = (id: string) => Buffer.from(id, 'base64url').length;

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

  it('no transports for anyone, and the decoy credential ID has the size of the passkeys registered here', async () => {
    const known = await registerStaff(svc, { role: 'it' });
    // a passkey as a platform authenticator with 20-byte credential IDs would store it
    await svc.db.deleteFrom('staff_passkeys').execute();
    await insertPasskey(svc.db, {
      credential_id: Buffer.alloc(20, 7).toString('base64url'),
      staff_member_id: (
        await svc.db
          .selectFrom('staff_members')
          .select('id')
          .where('staff_id', '=', known.staffId)
          .executeTakeFirstOrThrow()
      ).id,
      public_key: 'x',
      counter: 0,
      transports: JSON.stringify(['hybrid', 'internal']),
      created_at: svc.clock.now().getTime(),
      last_used_at: null,
    });

    const [real] = await optionsFor(known.staffId);
    const decoys = [await optionsFor('S7654321'), await optionsFor('S1111111')];
    expect(Object.keys(real ?? {}).sort()).toEqual(['id', 'type']);
    for (const [decoy] of decoys) {
      expect(Object.keys(decoy ?? {}).sort()).toEqual(['id', 'type']);
      expect(bytesOf(decoy?.id ?? '')).toBe(bytesOf(real?.id ?? ''));
    }
    expect(decoys[0]?.[0]?.id).not.toBe(decoys[1]?.[0]?.id);
    // the same unknown ID gets the same decoy every time (a changing one would tell)
    expect((await optionsFor('S7654321'))[0]?.id).toBe(decoys[0]?.[0]?.id);
  });
});
