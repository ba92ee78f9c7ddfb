import { afterAll, beforeAll, expect, it } from 'vitest';
import { fillPath } from '../../../src-shared/host-calls.js';
import { endpoints, type EndpointName } from '../../../src-shared/endpoints.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';

/**
 * The table's `access` is a promise to the screens (a `session` call ends with 401 once the
 * session is gone); this holds every route to it, so a route that forgets requireSession fails
 * here. A valid body for each signed-in POST, so the answer is about the session, not the body.
 */
const validBodies: Partial<Record<EndpointName, unknown>> = {
  passwordChange: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD },
  emailChange: { newId: 'access-new@example.jp', password: PASSWORD },
  emailConfirm: { key: '12345678' },
  withdraw: { password: PASSWORD },
};

const signedInEndpoints = (Object.keys(endpoints) as EndpointName[]).filter(
  (name) => endpoints[name].access === 'session',
);

function send(client: TestClient, name: EndpointName) {
  const endpoint = endpoints[name];
  const path = fillPath(endpoint.path, { id: 'some-device' });
  if (endpoint.method === 'GET') return client.get(path);
  if (endpoint.method === 'DELETE') return client.del(path);
  return client.post(path, validBodies[name] ?? {});
}

describeEachDatabase('Contract: every endpoint the table marks `session` refuses a request without one', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('Contract: each signed-in POST has a valid body here (a new one must add its own)', () => {
    const posts = signedInEndpoints.filter((name) => endpoints[name].method === 'POST' && 'body' in endpoints[name]);
    expect(posts.filter((name) => !(name in validBodies))).toEqual([]);
  });

  it.each(signedInEndpoints)(
    'Contract: %s answers 401 unauthenticated with no session and with a signed-out one',
    async (name) => {
      const anonymous = await send(createClient(svc.url), name);
      expect([anonymous.status, anonymous.body.error]).toEqual([401, 'unauthenticated']);

      const id = `access-${name.toLowerCase()}@example.jp`;
      await svc.createEmployer({ id, password: PASSWORD });
      const client = createClient(svc.url);
      await signIn(svc, client, id, PASSWORD);
      const token = client.jar.get('mypage_session');
      expect((await client.post(endpoints.logout.path)).status).toBe(204);
      client.jar.set('mypage_session', token!); // the old cookie, presented again after logout
      const ended = await send(client, name);
      expect([ended.status, ended.body.error]).toEqual([401, 'unauthenticated']);
    },
  );
});
