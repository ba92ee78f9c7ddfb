import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorCodes, errorText, type ErrorCode } from '../../../src-shared/api/errors.js';
import { api, type ApiName } from '../../../src-shared/api/routes.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { createSession } from '../../../src-server/auth/sessions.service.js';
import type { Database } from '../../../src-server/db/schema.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';

/**
 * Issue 2, "Bad input": malformed requests at EVERY endpoint of the route table — wrong types,
 * unknown fields, non-objects, broken JSON, empty bodies, strings over every limit, bodies over
 * the 16 KiB limit, wrong content types — answer a 4xx `{error, message}` with the screen's
 * Japanese text, never a 5xx, and write nothing (every table counted before and after).
 * In-process (`app.inject`), half of the requests carry a live session so that signed-in routes
 * reach their validation and handlers too.
 */
const TABLES: Array<keyof Database> = [
  'offices',
  'accounts',
  'mailed_keys',
  'login_failures',
  'login_challenges',
  'sessions',
  'device_trusts',
  'messages',
  'job_postings',
  'kiosk_terminals',
  'enrollment_codes',
  'kiosk_nonces',
  'outbox',
  'audit_events',
];
const RUNS = 40;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

type Req = { contentType: string | undefined; payload: string | undefined; kind: string };

const fieldsOf = (name: ApiName): string[] => {
  const body = (api[name] as { body?: z.ZodType }).body as unknown as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(body?.shape ?? {});
};

/** A value that no field of the contract accepts: strings, booleans and objects are left out. */
const wrongValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
);
const anyValue = fc.jsonValue({ maxDepth: 2 });
const json = (v: unknown) => JSON.stringify(v);

function malformed(name: ApiName): fc.Arbitrary<Req> {
  const fields = fieldsOf(name);
  const asJson =
    (kind: string) =>
    (payload: string): Req => ({ contentType: 'application/json', payload, kind });
  const kinds: Array<fc.Arbitrary<Req>> = [
    // broken JSON
    fc
      .tuple(anyValue, fc.nat(), fc.constantFrom('', ',', '}', '{', '"', 'tru', '\\u12'))
      .map(([v, cut, tail]) => {
        const text = json(v) ?? 'null';
        return text.slice(0, Math.max(0, text.length - 1 - (cut % 3))) + tail;
      })
      .filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      })
      .map(asJson('broken-json')),
    // empty body
    fc.constant(asJson('empty')('')),
    // JSON that is not an object
    fc
      .oneof(
        fc.integer(),
        fc.string({ maxLength: 30 }),
        fc.array(anyValue, { maxLength: 3 }),
        fc.constant(null),
        fc.boolean(),
      )
      .map((v) => asJson('not-an-object')(json(v))),
    // wrong content types
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'application/octet-stream',
          'multipart/form-data; boundary=x',
          'application/json-patch+json',
        ),
        fc.string({ maxLength: 100 }),
      )
      .map(([contentType, payload]) => ({ contentType, payload: payload || 'x', kind: `content-type ${contentType}` })),
    // over the body limit (16 KiB)
    fc
      .integer({ min: 17_000, max: 40_000 })
      .map((n) =>
        asJson('too-large')(json(Object.fromEntries((fields.length ? fields : ['x']).map((f) => [f, 'a'.repeat(n)])))),
      ),
  ];
  if (fields.length) {
    kinds.push(
      // every field present, one of them with a wrong type
      fc
        .tuple(
          fc.constantFrom(...fields),
          wrongValue,
          fc.array(anyValue, { minLength: fields.length, maxLength: fields.length }),
        )
        .map(([bad, value, others]) =>
          asJson(`wrong-type ${bad}`)(
            json(Object.fromEntries(fields.map((f, i) => [f, f === bad ? value : others[i]]))),
          ),
        ),
      // an unknown field (request bodies are strict)
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !fields.includes(k) && k !== '__proto__'),
          anyValue,
          fc.array(fc.string({ maxLength: 20 }), { minLength: fields.length, maxLength: fields.length }),
        )
        .map(([extra, value, others]) =>
          asJson(`unknown-field ${extra}`)(
            json({ ...Object.fromEntries(fields.map((f, i) => [f, others[i]])), [extra]: value }),
          ),
        ),
      // strings over every length limit a free-text field has (passwords: 1024), with characters no
      // patterned field accepts, the whole body under the 16 KiB limit in UTF-8 (no filter: it could spin)
      fc
        .integer({ min: 1_100, max: Math.floor(9_000 / fields.length) })
        .map((n) =>
          asJson('huge-strings')(json(Object.fromEntries(fields.map((f) => [f, 'ｱ1!'.repeat(Math.ceil(n / 3))])))),
        ),
    );
  }
  return fc.oneof(...kinds);
}

describeEachDatabase('malformed requests at every endpoint (properties)', (database) => {
  let svc: TestService;
  let token: string;
  beforeAll(async () => {
    svc = await startTestService({ database, smtp: false });
    await svc.createEmployer({ id: 'prop@example.jp', password: PASSWORD });
    const account = await findAccountByLoginId(svc.db, 'prop@example.jp');
    token = (await createSession(svc.db, svc.clock, { accountId: account!.id, kind: 'kiosk' })).token;
  });
  afterAll(() => svc.close());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(
          async (t) =>
            [
              t,
              Number(
                (
                  await svc.db
                    .selectFrom(t)
                    .select((eb) => eb.fn.countAll().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              ),
            ] as const,
        ),
      ),
    );

  function expectErrorBody(status: number, body: string, context: string) {
    const parsed = JSON.parse(body) as { error: ErrorCode; message: string };
    expect(errorCodes, context).toContain(parsed.error);
    expect(parsed.message, context).toBe(errorText[parsed.error].ja);
    expect(parsed.message, context).toMatch(JAPANESE);
    expect(status, context).toBeGreaterThanOrEqual(400);
  }

  const withBody = (Object.keys(api) as ApiName[]).filter((n) => fieldsOf(n).length > 0);
  const bodiless = (Object.keys(api) as ApiName[]).filter((n) => fieldsOf(n).length === 0);

  it.each(withBody)(
    'R-LOGIN-1 (bad input): %s answers malformed bodies with a Japanese 4xx and writes nothing',
    async (name) => {
      const route = api[name];
      const before = await counts();
      await fc.assert(
        fc.asyncProperty(malformed(name), fc.boolean(), async (req, signedIn) => {
          const r = await svc.app.inject({
            method: route.method,
            url: route.path,
            headers: {
              ...(req.contentType ? { 'content-type': req.contentType } : {}),
              ...(signedIn ? { authorization: `Bearer ${token}` } : {}),
            },
            ...(req.payload !== undefined ? { payload: req.payload } : {}),
          });
          const context = `${route.method} ${route.path} [${req.kind}] ${String(req.payload).slice(0, 120)} → ${r.statusCode} ${r.body.slice(0, 200)}`;
          expect(r.statusCode, context).toBeGreaterThanOrEqual(400);
          expect(r.statusCode, context).toBeLessThan(500);
          expectErrorBody(r.statusCode, r.body, context);
        }),
        { numRuns: RUNS },
      );
      expect(await counts()).toEqual(before);
    },
  );

  it.each(bodiless)(
    'R-LOGIN-1 (bad input): %s (no body in the contract) never answers 5xx to junk and writes nothing',
    async (name) => {
      const route = api[name];
      const before = await counts();
      // ids no device has: too long for the router or the schema, characters outside the id
      // alphabet, broken %-escapes (refused by the router itself)
      const badIds = fc.oneof(
        fc.string({ minLength: 101, maxLength: 400 }).map(encodeURIComponent),
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((s) => !/^[A-Za-z0-9_-]+$/.test(s))
          .map(encodeURIComponent),
        fc.constantFrom('a%20b', '..', 'a%00b', '%E3%81%82', 'x;drop', '%2F%2F', '%E0%A4%A', '%ZZ', '%'),
      );
      await fc.assert(
        fc.asyncProperty(malformed(name), badIds, fc.boolean(), async (req, badId, signedIn) => {
          // logout with the shared session would end it; it gets none
          const auth = signedIn && name !== 'logout' ? { authorization: `Bearer ${token}` } : {};
          const url = name === 'deviceRevoke' ? route.path.replace(':id', badId) : route.path;
          const r = await svc.app.inject({
            method: route.method,
            url,
            headers: { ...(req.contentType ? { 'content-type': req.contentType } : {}), ...auth },
            ...(req.payload !== undefined && route.method !== 'GET' ? { payload: req.payload } : {}),
          });
          const context = `${route.method} ${url} [${req.kind}] → ${r.statusCode} ${r.body.slice(0, 200)}`;
          expect(r.statusCode, context).toBeLessThan(500);
          // a malformed device id is always refused; the other routes take no input to refuse
          if (name === 'deviceRevoke') expect(r.statusCode, context).toBeGreaterThanOrEqual(400);
          if (r.statusCode >= 400) expectErrorBody(r.statusCode, r.body, context);
        }),
        { numRuns: RUNS },
      );
      expect(await counts()).toEqual(before);
    },
  );
});
