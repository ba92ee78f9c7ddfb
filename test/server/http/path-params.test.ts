import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { PATH_PARAM_MAX_CHARS } from '../../../src-shared/api/schemas.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff } from '../../support/staff.js';

const idOf = (n: number) => 'a'.repeat(n);
const pathWith = (template: string, id: string) => template.replace(/:[a-z]+/, id);

describeEachDatabase('path parameters: every length the contract documents reaches the route', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  it(`R-OTP-5: a device id of ${PATH_PARAM_MAX_CHARS} characters gets the normal answer (404 for a device that is not theirs), ${PATH_PARAM_MAX_CHARS + 1} the schema's 400; never 414`, async () => {
    const client = await svc.as(await svc.employer());
    const answers = [];
    for (const n of [100, 101, 150, PATH_PARAM_MAX_CHARS])
      answers.push((await client.del(pathWith(api.deviceRevoke.path, idOf(n)))).status);
    expect(answers).toEqual([404, 404, 404, 404]);
    const over = await client.del(pathWith(api.deviceRevoke.path, idOf(PATH_PARAM_MAX_CHARS + 1)));
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ error: 'invalid_request', fields: ['id'] });
  });

  it(`a kiosk id and an employer ref of ${PATH_PARAM_MAX_CHARS} characters reach the staff routes (404 not_found), ${PATH_PARAM_MAX_CHARS + 1} is 400; never 414`, async () => {
    const itStaff = await signInStaff(svc, { role: 'it' });
    const office = await signInStaff(svc, { role: 'office' });
    for (const n of [101, PATH_PARAM_MAX_CHARS]) {
      const history = await office.client.get(pathWith(staffApi.employerHistory.path, idOf(n)));
      expect(history.status).toBe(404);
      const target = idOf(n);
      const revoke = await itStaff.client.post(pathWith(staffApi.kioskRevoke.path, target), {
        stepUp: await itStaff.stepUp({ action: 'revoke_kiosk', target }),
      });
      expect(revoke.status).toBe(404);
    }
    const over = await office.client.get(pathWith(staffApi.employerHistory.path, idOf(PATH_PARAM_MAX_CHARS + 1)));
    expect(over.status).toBe(400);
    const overKiosk = await itStaff.client.post(
      pathWith(staffApi.kioskRevoke.path, idOf(PATH_PARAM_MAX_CHARS + 1)),
      {},
    );
    expect(overKiosk.status).toBe(400);
  });
});
