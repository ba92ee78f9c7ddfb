import { R_OTP_8_MAX_OTP_MAILS } from '../../../src-shared/rules.js';
import { createClient } from '../../support/http-client.js';
import { expect, OTP_SUBJECT, test } from './fixtures.js';
import { revokeTerminal } from '../../support/kiosk-host/kiosk-admin.js';
import { heading, typeLogin, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { api } from '../../../src-shared/api/routes.js';

test.describe('the OTP budget on a kiosk (R-OTP-8, R-OTP-7)', () => {
  test(`R-OTP-8 / R-OTP-7: past ${R_OTP_8_MAX_OTP_MAILS} OTP mails an hour an attested kiosk still signs in (no OTP); one that cannot attest shows the wait, the ID kept`, async ({
    enrolledKiosk: k,
    service,
    employer,
  }) => {
    for (let i = 0; i < R_OTP_8_MAX_OTP_MAILS; i++) {
      expect(
        (await createClient(service.url).post(api.login.path, { id: employer.id, password: employer.password })).status,
      ).toBe(200);
      await service.mail.latestCode(employer.id, OTP_SUBJECT);
    }
    const first = k.page();
    await typeLogin(first, employer.id, employer.password);
    await expect(heading(first, '求人者マイページホーム')).toBeVisible();
    await first.getByRole('button', { name: 'ログアウト' }).first().click();
    await wipeDone(k, 2);
    const page = k.page();
    await expect(heading(page, '求人者マイページログイン')).toBeVisible();

    const status = await k.core.dispatch('status', undefined);
    await revokeTerminal(service, (status as { data: { terminalId: string } }).data.terminalId);
    await typeLogin(page, employer.id, employer.password);
    await expect(page.getByRole('alert')).toContainText(
      'ワンタイムパスワードの送信または入力の回数が上限に達したため、現在ログインできません。しばらく時間を空けてから、もう一度お試しください。',
    );
    await expect(heading(page, '求人者マイページログイン')).toBeVisible();
    await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id);
    expect(service.mail.messages().filter((m) => m.subject === OTP_SUBJECT)).toHaveLength(R_OTP_8_MAX_OTP_MAILS);
  });
});
