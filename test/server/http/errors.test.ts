import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { errorCodes, errorText } from '../../../src-shared/api/errors.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

// Input handling does not depend on the database; SQLite keeps it fast.
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(() => svc.close());

const post = (url: string, payload: string, contentType = 'application/json') =>
  svc.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

it('R-LOGIN-1: malformed JSON is a 400 invalid_request with the Japanese message', async () => {
  const r = await post(api.login.path, '{"id": "a@b.jp", "password": ');
  expect(r.statusCode).toBe(400);
  expect(r.json()).toEqual({ error: 'invalid_request', message: errorText.invalid_request.ja });
});

it('R-LOGIN-1: unknown fields and wrong types are refused with the fields named', async () => {
  const extra = await post(api.login.path, JSON.stringify({ id: 'a@b.jp', password: 'x', admin: true }));
  expect(extra.statusCode).toBe(400);
  expect(extra.json().error).toBe('invalid_request');
  const wrongType = await post(api.login.path, JSON.stringify({ id: 42, password: 'x' }));
  expect(wrongType.statusCode).toBe(400);
  expect(wrongType.json()).toMatchObject({ error: 'invalid_request', fields: ['id'] });
});

it('R-LOGIN-1: a huge body is 413 payload_too_large; a non-JSON body is 415 unsupported_media_type', async () => {
  const huge = await post(api.login.path, JSON.stringify({ id: 'a@b.jp', password: 'x'.repeat(20_000) }));
  expect(huge.statusCode).toBe(413);
  expect(huge.json()).toEqual({ error: 'payload_too_large', message: errorText.payload_too_large.ja });
  const text = await post(api.login.path, 'id=a@b.jp', 'application/x-www-form-urlencoded');
  expect(text.statusCode).toBe(415);
  expect(text.json().error).toBe('unsupported_media_type');
});

it('R-LOGIN-1: an unknown API path is a JSON 404 not_found', async () => {
  // a literal path on purpose: the table has no such path
  const r = await svc.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  expect(r.statusCode).toBe(404);
  expect(r.json().error).toBe('not_found');
});

it('R-LOGIN-1: every error code has Japanese text (the screens show it)', () => {
  for (const code of errorCodes) expect(errorText[code].ja.length).toBeGreaterThan(0);
});

const bodies = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'id',
        'password',
        'otp',
        'challenge',
        'rememberDevice',
        'key',
        'attestation',
        'newPassword',
        'code',
        'terminalId',
        'x',
      ),
      fc.jsonValue(),
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

it('R-LOGIN-1: arbitrary bodies at every endpoint of the contract get a 4xx (or success), never a 5xx', async () => {
  const routes = Object.values(api).filter((r) => r.method !== 'GET');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), bodies, async (route, payload) => {
      const r = await svc.app.inject({
        method: route.method,
        url: route.path.replace(':id', 'abc'),
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.statusCode, `${route.path} ${payload} → ${r.body}`).toBeLessThan(500);
      if (r.statusCode >= 400) expect(errorCodes).toContain(r.json().error);
    }),
    { numRuns: 300 },
  );
});
