import { R_KIOSK_4_SESSION_IDLE_MS } from '../../../src-shared/rules.js';
import { expectAccessible, shot } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { heading, typeLogin, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { api } from '../../../src-shared/api/routes.js';

test.describe('the idle warning (R-KIOSK-4, WCAG 2.2.1)', () => {
  test('R-KIOSK-4: the countdown is announced politely every 10 s and in the last 10 s; the dialog is axe-clean (docs/screens/50)', async ({
    enrolledKiosk: k,
    employer,
  }) => {
    const page = k.page();
    await page.setViewportSize({ width: 1280, height: 1024 });
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();

    k.clock.advance(90_000);
    const dialog = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    const spoken = dialog.getByTestId('idle-announcement');
    await expect(spoken).toHaveText('あと 30 秒');
    await expect(spoken).toHaveAttribute('aria-live', 'polite');
    await expect(dialog.getByRole('button', { name: '延長する' })).toBeFocused();
    k.clock.advance(5_000);
    await expect(dialog).toContainText('あと 25 秒で');
    await expect(spoken).toHaveText('あと 30 秒'); // not every second
    k.clock.advance(5_000);
    await expect(spoken).toHaveText('あと 20 秒');
    await expectAccessible(page);
    await shot(page, '50-kiosk-idle-warning');
    k.clock.advance(11_000);
    await expect(spoken).toHaveText('あと 9 秒'); // each of the last ten
    k.clock.advance(1_000);
    await expect(spoken).toHaveText('あと 8 秒');
  });

  test('R-KIOSK-4: 「延長する」 resets the kiosk idle clock and the service session, which outlives its original idle end', async ({
    signedInKiosk: { k, page, token },
    service,
  }) => {
    // The service's idle end is 10 min after the last use; the kiosk warns 90 s after it.
    service.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 60_000);
    k.clock.advance(90_000);
    const dialog = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await dialog.getByRole('button', { name: '延長する' }).click();
    await expect(dialog).toHaveCount(0);
    await k.until(() => k.core.idle.state.phase === 'active');
    // Past the original idle end, the session still answers: the extend reached the service.
    service.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 60_000);
    const home = await fetch(`${service.url}${api.home.path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(home.status).toBe(200);
    k.clock.advance(100_000); // past the kiosk's first deadline too
    expect(k.core.session.credential).toBeDefined();
    expect(page.isClosed()).toBe(false);
  });

  test('R-KIOSK-4: 「ログアウト」 in the warning ends the session now, through the wipe', async ({
    signedInKiosk: { k, page, token },
    service,
  }) => {
    k.clock.advance(95_000);
    await page
      .getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' })
      .getByRole('button', { name: 'ログアウト' })
      .click();
    await wipeDone(k, 2);
    await expect(heading(k.page(), '求人者マイページログイン')).toBeVisible();
    expect(k.core.session.credential).toBeUndefined();
    expect(
      (await fetch(`${service.url}${api.home.path}`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });
});
