import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src-shared/api/errors.js';
import { api } from '../../../src-shared/api/routes.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { answerChecker, type OpenApi, type Operation } from '../../support/openapi-answers.js';
import { arbitraryOf } from '../../support/schema-arbitrary.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, signInStaff } from '../../support/staff.js';

/** Requests drawn per endpoint: a sample, as schemathesis takes one, on each database. */
const RUNS = 12;

type Entry = { errors?: readonly ErrorCode[]; role?: 'office' | 'it' };

/** One request an operation's document allows: its path and query parameters and its body. */
function requestsOf(doc: OpenApi, operation: Operation) {
  const parameters = operation.parameters ?? [];
  const objectOf = (where: 'path' | 'query') => {
    const mine = parameters.filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(mine.map((p) => [p.name, p.schema])),
      required: mine.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
  };
  const body = operation.requestBody?.content['application/json'].schema;
  return fc.record({
    path: arbitraryOf(doc, objectOf('path')) as fc.Arbitrary<Record<string, unknown>>,
    query: arbitraryOf(doc, objectOf('query')) as fc.Arbitrary<Record<string, unknown>>,
    body: body ? arbitraryOf(doc, body) : fc.constant(undefined),
  });
}

function urlOf(template: string, request: { path: Record<string, unknown>; query: Record<string, unknown> }): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)])).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * For every operation of a listener's document: requests drawn from its documented schemas are
 * accepted (never 400 `invalid_request`, unless the table lists it as a refusal the schema cannot
 * express), never answered 5xx, and every answer is one the document allows.
 */
async function holdsForEveryOperation(
  doc: OpenApi,
  table: Record<string, Entry>,
  clientFor: (operation: Operation, entry: Entry) => TestClient,
) {
  const check = answerChecker(doc);
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const entry = table[operation.operationId] ?? {};
      const semantic400 = (entry.errors ?? []).includes('invalid_request');
      await fc.assert(
        fc.asyncProperty(requestsOf(doc, operation), async (request) => {
          const url = urlOf(template, request);
          const client = clientFor(operation, entry);
          const m = method.toUpperCase();
          const answer =
            m === 'GET'
              ? await client.get(url)
              : m === 'DELETE'
                ? await client.del(url)
                : await client.post(url, request.body);
          const where = `${m} ${url} ${JSON.stringify(request.body)} → ${answer.status} ${JSON.stringify(answer.body)}`;
          expect(answer.status, where).toBeLessThan(500);
          if (!semantic400)
            expect((answer.body as { error?: string } | undefined)?.error, where).not.toBe('invalid_request');
          const raw = answer.body === undefined ? '' : JSON.stringify(answer.body);
          expect(check({ method: m, url, status: answer.status, body: raw }), where).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
    }
  }
}

describeEachDatabase(
  'the OpenAPI documents: schema-valid requests are accepted and answered as documented',
  (database) => {
    let svc: TestService;
    beforeAll(async () => {
      svc = await startTestService({ database, staff: true });
    });
    afterAll(() => svc.close());

    it('employer listener: every operation, a sample of requests from its documented schemas', async () => {
      const doc = (await svc.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
      const signedIn = await svc.as(await svc.employer());
      const anonymous = createClient(svc.url);
      await holdsForEveryOperation(doc, api as Record<string, Entry>, (operation) =>
        operation.security ? signedIn : anonymous,
      );
    }, 240_000);

    it('staff listener: every operation, a sample of requests from its documented schemas', async () => {
      const staff = svc.staff;
      if (!staff) throw new Error('the staff listener is not running');
      const doc = (await staff.app.inject({ url: '/api/openapi.json' })).json<OpenApi>();
      const office = (await signInStaff(svc, { role: 'office' })).client;
      const it_ = (await signInStaff(svc, { role: 'it' })).client;
      const anonymous = createStaffClient(svc);
      await holdsForEveryOperation(doc, staffApi as Record<string, Entry>, (operation, entry) =>
        !operation.security ? anonymous : entry.role === 'it' ? it_ : office,
      );
    }, 240_000);
  },
);
