import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffApi, type StaffApiName } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import type { TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, signInStaff } from '../../support/staff.js';

/**
 * Issue 20: nothing a client sends to the staff API answers 5xx. Every route of the staff table,
 * from a stranger, an office clerk and an IT member: any JSON body (or none, or a non-object),
 * any path parameter, any query string — including control characters and lone surrogates.
 */
const RUNS = 25;
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  maxLength: 40,
});
const encodePart = (s: string) =>
  (s.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) ?? [])
    .map((c) => (/^[\ud800-\udfff]$/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
    .join('');
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'staffId',
      'code',
      'response',
      'stepUp',
      'note',
      'documentKind',
      'office',
      'label',
      'action',
      'target',
      'q',
    ),
    fc.oneof(anyText, fc.jsonValue({ maxDepth: 2 })),
  ),
);
const anyInput = fc.record({
  who: fc.constantFrom('stranger', 'office', 'it'),
  param: anyText,
  query: fc.array(fc.tuple(fc.constantFrom('q', 'before', 'limit', 'x'), anyText), { maxLength: 3 }),
  body: fc.option(anyJson, { nil: undefined }),
});

describeEachDatabase('the staff API answers any client input without a 5xx', (database) => {
  let svc: TestService;
  let clients: Record<'stranger' | 'office' | 'it', () => TestClient>;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true, smtp: false });
    const office = await signInStaff(svc, { role: 'office' });
    const it = await signInStaff(svc, { role: 'it' });
    clients = { stranger: () => createStaffClient(svc), office: () => office.client, it: () => it.client };
  });
  afterAll(() => svc.close());

  it('every route of src-shared/staff-api/routes.ts, any body, path parameter and query', async () => {
    for (const name of Object.keys(staffApi) as StaffApiName[]) {
      const route = staffApi[name];
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          let path = route.path.replace(/:[a-z]+/, encodePart(input.param) || 'x');
          if (input.query.length) path += `?${input.query.map(([k, v]) => `${k}=${encodePart(v)}`).join('&')}`;
          const client = clients[input.who]();
          // logout would end the signed-in clients' sessions: asked as a stranger only
          const r =
            route.method === 'GET'
              ? await client.get(path)
              : await (name === 'logout' ? clients.stranger() : client).post(path, input.body);
          expect(r.status, `${route.method} ${path} ${JSON.stringify(input.body)}`).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    }
  }, 600_000);
});
