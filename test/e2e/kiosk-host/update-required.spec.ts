import { MINIMUM_VERSION_SETTING, writeSetting } from '../../../src-server/kiosk/service-settings.repository.js';
import { heading, typeLogin, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { expectAccessible, shot } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';

const BEAT_MS = 5 * 60_000;

test('R-FLEET-1: the service refuses this build → 「この端末は更新が必要です」 in place of the login, the heartbeat goes on, and the login returns when IT lowers the minimum (docs/screens/52)', async ({
  enrolledKiosk: k,
  service,
  employer,
}) => {
  // IT's 最低バージョン, above this build (0.1.0-kiosk-host): the next heartbeat is refused.
  const minimum = (version: string | null) =>
    writeSetting(service.db, MINIMUM_VERSION_SETTING, version, service.clock.now().getTime());
  const beat = async () => {
    service.clock.advance(BEAT_MS);
    k.clock.advance(BEAT_MS);
    await k.core.heartbeat.beaten();
  };
  await minimum('0.2.0');
  await beat();
  // (the 5 minutes also ran out the idle time of the enrolment's typing: its wipe shows a fresh page)
  await wipeDone(k, 2);
  const page = k.page();
  await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('この端末は更新が必要です。係員にお知らせください。');
  await expect(heading(page, '求人者マイページログイン')).toBeHidden();
  await expect(page.getByLabel('ID（メールアドレス）')).toBeHidden();
  await expectAccessible(page);
  await shot(page, '52-kiosk-update-required');

  // Still refused, it keeps beating: the service records it, so 端末一覧 shows it (要更新).
  const lastSeen = async () =>
    Number(
      (await service.db.selectFrom('kiosk_terminals').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at,
    );
  const seen = await lastSeen();
  await beat();
  expect(await lastSeen()).toBeGreaterThan(seen);
  await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();

  // IT lowers the minimum (a roll-back, or the update arrived): the next accepted beat brings the login back.
  await minimum(null);
  await beat();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await expect(page.getByTestId('kiosk-update-required')).toHaveCount(0);
  await typeLogin(page, employer.id, employer.password);
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
});
