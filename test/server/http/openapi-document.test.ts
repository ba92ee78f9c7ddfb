import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from '../../../src-shared/api/errors.js';
import { api } from '../../../src-shared/api/routes.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { createClient } from '../../support/http-client.js';
import { answerChecker, documentAjv, type OpenApi, type Operation } from '../../support/openapi-answers.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

type Entry = { method: string; path: string; status: number; emptyStatus?: number; errors?: readonly ErrorCode[] };
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const operationsOf = (doc: OpenApi) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
const keysOf = (table: Record<string, Entry>) => Object.values(table).map((e) => `${e.method} ${openApiPath(e.path)}`);
/** The `error` codes an operation's answer of one status documents. */
const codesAt = (op: Operation, status: number): string[] => {
  const schema = op.responses[String(status)]?.content?.['application/json'].schema as
    { allOf?: { properties?: { error?: { enum?: string[] } } }[] } | undefined;
  return schema?.allOf?.flatMap((s) => s.properties?.error?.enum ?? []) ?? [];
};

describe('one OpenAPI 3.1 document per listener, derived from its table', () => {
  let svc: TestService;
  let employer: OpenApi;
  let staff: OpenApi;
  beforeAll(async () => {
    svc = await startTestService({ staff: true });
    employer = (await (await fetch(`${svc.url}/api/openapi.json`)).json()) as OpenApi;
    staff = (await (await fetch(`${svc.staff?.url ?? ''}/api/openapi.json`)).json()) as OpenApi;
  });
  afterAll(() => svc.close());

  it('both validate against the official OpenAPI 3.1 schema', async () => {
    for (const doc of [employer, staff]) {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(doc));
      expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    }
  });

  it("each listener documents exactly its own table: the employer's no staff path or schema, the staff's no employer one", () => {
    expect(
      operationsOf(employer)
        .map((o) => o.key)
        .sort(),
    ).toEqual(keysOf(api as Record<string, Entry>).sort());
    expect(
      operationsOf(staff)
        .map((o) => o.key)
        .sort(),
    ).toEqual(keysOf(staffApi as Record<string, Entry>).sort());
    expect(Object.keys(employer.components.schemas).filter((id) => id.startsWith('Staff'))).toEqual([]);
    // every component is one an operation reaches
    for (const doc of [employer, staff]) {
      const text = JSON.stringify(doc.paths) + JSON.stringify(doc.components.schemas);
      for (const id of Object.keys(doc.components.schemas)) expect(text, id).toContain(`#/components/schemas/${id}"`);
    }
  });

  it("each success status is the table's (the one the service answers, and its emptyStatus); 202 and 204 carry no body", () => {
    for (const [doc, table] of [
      [employer, api],
      [staff, staffApi],
    ] as const) {
      for (const e of Object.values(table as Record<string, Entry>)) {
        const op = doc.paths[openApiPath(e.path)]?.[e.method.toLowerCase()];
        const success = Object.keys(op?.responses ?? {}).filter((s) => Number(s) < 400);
        const expected = [e.status, ...(e.emptyStatus ? [e.emptyStatus] : [])].map(String).sort();
        expect(success.sort(), `${e.method} ${e.path}`).toEqual(expected);
        for (const s of [e.status, e.emptyStatus])
          if (s === 202 || s === 204) expect(op?.responses[String(s)]?.content).toBeUndefined();
      }
    }
  });

  it('every error an endpoint lists is documented at its status with the Error body; guards and bodies add theirs', () => {
    for (const [doc, table] of [
      [employer, api],
      [staff, staffApi],
    ] as const) {
      for (const e of Object.values(table as Record<string, Entry>)) {
        const op = doc.paths[openApiPath(e.path)]?.[e.method.toLowerCase()] as Operation;
        for (const code of e.errors ?? []) expect(codesAt(op, errorStatus[code]), `${e.path} ${code}`).toContain(code);
        for (const [status, answer] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400))
          expect(JSON.stringify(answer.content), `${e.path} ${status}`).toContain('"#/components/schemas/Error"');
        expect(codesAt(op, 500)).toEqual(['internal_error']);
        if (e.method !== 'GET') expect(codesAt(op, 415)).toEqual(['unsupported_media_type']);
      }
    }
    expect(codesAt(employer.paths[api.home.path]?.get as Operation, 401)).toEqual(['unauthenticated']);
    expect(codesAt(employer.paths[api.login.path]?.post as Operation, 423)).toEqual(['locked']);
  });

  it('signed-in endpoints name their cookie (or the kiosk token); the staff ones the staff cookie', () => {
    expect(employer.paths[api.home.path]?.get?.security).toEqual([{ session: [] }, { kioskToken: [] }]);
    expect(employer.paths[api.login.path]?.post?.security).toBeUndefined();
    const schemes = (doc: OpenApi) => (doc.components as { securitySchemes?: unknown }).securitySchemes;
    expect(schemes(employer)).toMatchObject({ session: { type: 'apiKey', in: 'cookie', name: 'mypage_session' } });
    expect(schemes(staff)).toMatchObject({ staffSession: { type: 'apiKey', in: 'cookie', name: 'mypage_staff' } });
    expect(staff.paths[openApiPath(staffApi.me.path)]?.get?.security).toEqual([{ staffSession: [] }]);
  });

  it('request schemas are as strict as the service: what it refuses with 400, the document refuses', async () => {
    const op = employer.paths[api.passwordReset.path]?.post as Operation;
    const validate = documentAjv(employer).compile(op.requestBody?.content['application/json'].schema);
    const c = createClient(svc.url);
    for (const body of [
      { id: '' },
      { id: 'not an address' },
      { id: 'a@example.jp', extra: 1 },
      {},
      { id: 'a\u0000@example.jp' },
    ]) {
      expect(validate(body), JSON.stringify(body)).toBe(false);
      expect((await c.post(api.passwordReset.path, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(validate({ id: 'someone@example.jp' })).toBe(true);
    expect((await c.post(api.passwordReset.path, { id: 'someone@example.jp' })).status).toBe(202);
  });

  it('the answer check the test harness runs on every answer refuses what the document does not allow', () => {
    const check = answerChecker(employer);
    const error = (code: string) => JSON.stringify({ error: code, message: 'x' });
    expect(check({ method: 'POST', url: api.logout.path, status: 204, body: '' })).toBeUndefined();
    expect(check({ method: 'POST', url: api.logout.path, status: 200, body: '{}' })).toMatch(/status not documented/);
    expect(check({ method: 'GET', url: api.home.path, status: 401, body: error('unauthenticated') })).toBeUndefined();
    expect(check({ method: 'GET', url: api.home.path, status: 401, body: error('invalid_credentials') })).toBeDefined();
    expect(check({ method: 'GET', url: api.meta.path, status: 200, body: '{"mailFrom":"a"}' })).toBeDefined();
    expect(check({ method: 'GET', url: '/api/v1/nothing-here', status: 404, body: '' })).toBeUndefined();
  });
});
