import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { MINIMUM_VERSION_SETTING, writeSetting } from '../../../src-server/kiosk/service-settings.repository.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { buildTestCore } from '../fakes/core-harness.js';

const ID = 'kiosk-update@example.jp';
const BEAT_MS = 5 * 60_000;
let service: TestService;
beforeEach(async () => {
  service = await startTestService({ database: 'sqlite', smtp: false });
  await service.createEmployer({
    id: ID,
    password: PASSWORD,
    company: '株式会社 更新',
    office: '飯田橋公共職業安定所',
  });
});
afterEach(async () => service.close());

/** The console's 最低バージョン, as IT sets it (null: cleared). The core reports 0.1.0-test. */
const minimum = (version: string | null) =>
  writeSetting(service.db, MINIMUM_VERSION_SETTING, version, service.clock.now().getTime());

describe('R-FLEET-1 the kiosk refused for its build (core against the real service)', () => {
  it('R-FLEET-1: a refused heartbeat shows 更新が必要 in place of the login, keeps beating, and the login returns when a beat is accepted', async () => {
    const built = await buildTestCore({ serviceUrl: service.url });
    const { code } = await issueEnrollmentCode(service.db, service.clock, {
      office: '飯田橋公共職業安定所',
      label: '更新',
    });
    await built.core.dispatch('enroll', { serviceUrl: service.url, code });
    await built.core.start();
    const row = () =>
      service.db.selectFrom('kiosk_terminals').select(['version', 'last_seen_at']).executeTakeFirstOrThrow();
    const beat = async () => {
      built.clock.advance(BEAT_MS);
      await built.core.heartbeat.beaten();
    };

    await minimum('0.2.0');
    await beat();
    expect(built.events.filter((e) => e.type.startsWith('update-'))).toEqual([{ type: 'update-required' }]);
    expect(built.core.updates.required).toBe(true);
    // the service recorded the beat: IT sees the terminal and its version
    const seen = await row();
    expect(seen).toMatchObject({ version: '0.1.0-test', last_seen_at: expect.any(Number) });

    // it keeps beating, and says nothing new while still refused
    await beat();
    expect(Number((await row()).last_seen_at)).toBeGreaterThanOrEqual(Number(seen.last_seen_at));
    expect(built.events.filter((e) => e.type.startsWith('update-'))).toHaveLength(1);

    // a login from this build is refused with the code the page words
    expect(await built.core.dispatch('login', { id: ID, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { error: 'kiosk_update_required' },
    });

    await minimum(null);
    await beat();
    expect(built.events.filter((e) => e.type.startsWith('update-')).at(-1)).toEqual({ type: 'update-cleared' });
    expect(built.core.updates.required).toBe(false);
    expect(await built.core.dispatch('login', { id: ID, password: PASSWORD })).toEqual({
      ok: true,
      data: { status: 'authenticated' },
    });
    built.core.stop();
  });

  it('R-FLEET-1: a login refused for the build turns the page to 更新が必要 at once, before any heartbeat', async () => {
    const built = await buildTestCore({ serviceUrl: service.url });
    const { code } = await issueEnrollmentCode(service.db, service.clock, {
      office: '飯田橋公共職業安定所',
      label: '更新',
    });
    await built.core.dispatch('enroll', { serviceUrl: service.url, code });
    // enrolled with its version (0.1.0-test), which the service believes until a heartbeat says otherwise
    await minimum('0.2.0');
    expect(await built.core.dispatch('login', { id: ID, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { error: 'kiosk_update_required' },
    });
    expect(built.events).toContainEqual({ type: 'update-required' });
  });
});
