import { expectAccessible } from '../web/fixtures.js';
import { expect, OTP_SUBJECT, test } from './fixtures.js';
import { revokeTerminal } from '../../support/kiosk-host/kiosk-admin.js';
import { heading, typeLogin } from '../../support/kiosk-host/kiosk-flows.js';

test.describe('attested kiosk login (R-KIOSK-2, R-KIOSK-3, R-OTP-7)', () => {
  test('R-OTP-7 / R-KIOSK-2: enroll → attested login → home, with no OTP mailed and no token in the page', async ({
    signedInKiosk: { k, page },
    service,
  }) => {
    await expect(page.getByText('株式会社 ハローワークア')).toBeVisible();

    // No OTP: no challenge was made and nothing was queued or sent.
    expect(
      await service.db
        .selectFrom('login_challenges')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 0 });
    expect(
      await service.db
        .selectFrom('outbox')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 0 });
    expect(service.mail.messages()).toEqual([]);

    // The token lives in main only (R-KIOSK-3): the page and its storage never see it.
    const credential = k.core.session.credential;
    expect(credential?.kind).toBe('bearer');
    const token = credential?.kind === 'bearer' ? credential.token : '';
    expect(await page.content()).not.toContain(token);
    expect(
      await page.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
      ),
    ).not.toContain(token);
  });

  test('R-KIOSK-2 / R-KIOSK-3: a revoked terminal falls back to the OTP step, with the note and without the skip checkbox', async ({
    enrolledKiosk: k,
    service,
    employer,
  }) => {
    const status = await k.core.dispatch('status', undefined);
    await revokeTerminal(service, (status as { data: { terminalId: string } }).data.terminalId);

    const page = k.page();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
    await expect(page.getByTestId('attestation-note')).toHaveText(
      'この端末を確認できなかったため、ワンタイムパスワードによる確認が必要です。',
    );
    await expect(page.getByRole('checkbox')).toHaveCount(0); // R-OTP-6: never offered on a shared terminal

    await page.locator('#otp').fill(await service.mail.latestCode(employer.id, OTP_SUBJECT));
    await page.getByRole('button', { name: '送信' }).click();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    await expect(page.getByTestId('attestation-note')).toHaveCount(0);
    expect(await service.db.selectFrom('device_trusts').selectAll().execute()).toEqual([]); // R-KIOSK-3
  });

  test("issue 21: on the kiosk an error already shown follows a switch to English at once, the kiosk's own words too", async ({
    enrolledKiosk: k,
    employer,
  }) => {
    const page = k.page();
    await typeLogin(page, employer.id, 'Wrong-pass1');
    const error = page.locator('#login-password-error');
    await expect(error).toHaveText('ID（メールアドレス）またはパスワードが正しくありません。');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(error).toHaveText('The ID (e-mail address) or password is incorrect.');
    await expect(page.getByRole('alert')).toContainText('Please check your input');
    await expect(page.getByRole('button', { name: 'Text size Standard', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Colours Standard', exact: true })).toBeVisible();
    await expect(page.getByLabel('ID (e-mail address)')).toHaveValue(employer.id);
    await expectAccessible(page);
  });
});
