import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { signInStaff as signInOverApi } from '../../support/staff.js';
import {
  OFFICE,
  expect,
  expectAccessible,
  heading,
  officeEmployer,
  searchEmployers,
  shot,
  signInAndSearch,
  staffConsole,
  test,
  withdraw,
} from './fixtures.js';
import { DAY_MS } from './time.js';

const COMPANY = '株式会社 ハローワーク物産';

test('IDを表示 when the passkey check fails, the network drops, or a used passkey answer is replayed: a message saying what to do, nothing shown, nothing typed lost', async ({
  page,
  service,
  authenticator,
}) => {
  const id = await officeEmployer(service, 'again', COMPANY);
  await signInAndSearch(page, service, 'ハローワーク物産');
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await expect(heading(page, COMPANY)).toBeVisible();
  await page.getByLabel('確認した本人確認書類').selectOption({ label: 'パスポート' });
  await page.getByLabel('メモ').fill('パスポートを確認。');

  // The passkey is there but the person is not verified (no fingerprint, no PIN): refused.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator, isUserVerified: false });
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByRole('alert')).toContainText(/パスキー/);
  await expect(page.getByRole('alert')).toContainText('もう一度');
  await expect(page.getByText(id, { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('メモ')).toHaveValue('パスポートを確認。');
  await expect(page.getByLabel('確認した本人確認書類')).toHaveValue('passport');
  await expectAccessible(page);
  await shot(page, '84-staff-step-up-refused');

  // The network drops: the same form, the words for it, then a retry works.
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId: authenticator, isUserVerified: true });
  await page.route('**/api/v1/staff/employers/*/reveal-id', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByRole('alert')).toContainText(
    '通信エラーが発生しました。ネットワークの接続を確認して、もう一度お試しください。入力した内容は保持されています。',
  );
  await expect(page.getByLabel('メモ')).toHaveValue('パスポートを確認。');
  await page.unroute('**/api/v1/staff/employers/*/reveal-id');
  let used: unknown;
  await page.route('**/api/v1/staff/employers/*/reveal-id', async (route) => {
    used = (route.request().postDataJSON() as { stepUp: unknown }).stepUp;
    await route.continue();
  });
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByText(id, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '閉じる' }).click();

  // A replayed passkey answer (the one just used) is refused by the service: step_up_required.
  await page.unroute('**/api/v1/staff/employers/*/reveal-id');
  await page.route('**/api/v1/staff/employers/*/reveal-id', (route) =>
    route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), stepUp: used }) }),
  );
  await page.getByLabel('確認した本人確認書類').selectOption({ label: 'パスポート' });
  await page.getByLabel('メモ').fill('もう一度確認。');
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByRole('alert')).toContainText('パスキーでの確認ができなかったため、操作は行われていません。');
  await expect(page.getByText(id, { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('メモ')).toHaveValue('もう一度確認。');
});

test('while a passkey prompt or a request runs, the console says so and the button waits', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await officeEmployer(service, 'slow', COMPANY);
  await staffConsole(page, service, 'office');
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/staff/employers?*', async (route) => {
    await held;
    await route.continue();
  });
  await searchEmployers(page, 'ハローワーク物産');
  await expect(page.getByText('処理しています。しばらくお待ちください。')).toBeVisible();
  await expect(page.getByRole('button', { name: '検索', exact: true })).toBeDisabled();
  release();
  await expect(page.getByRole('heading', { name: '検索結果 1件' })).toBeVisible();
  await expect(page.getByRole('button', { name: '検索', exact: true })).toBeEnabled();
});

test('利用再開 refused because a colleague reinstated the account meanwhile: the message says what may have happened and to search again', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const id = await officeEmployer(service, 'twice', COMPANY);
  await withdraw(service, id);
  service.clock.advance(31 * DAY_MS);
  await signInAndSearch(page, service, id);
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await expect(page.getByRole('button', { name: '利用再開' })).toBeVisible();

  // A colleague at the next desk reinstates it first.
  const colleague = await signInOverApi(service, { role: 'office', office: OFFICE });
  const ref = (
    await colleague.client.get<{ employers: Array<{ ref: string }> }>(
      `${staffApi.employerSearch.path}?q=${encodeURIComponent(id)}`,
    )
  ).body.employers[0]!.ref;
  const first = await colleague.client.post(staffApi.employerReinstate.path.replace(':ref', ref), {
    stepUp: await colleague.stepUp({ action: 'reinstate', target: ref }),
  });
  expect(first.status).toBe(200);

  await page.getByRole('button', { name: '利用再開' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('利用再開できませんでした。');
  await expect(alert).toContainText('可能性があります');
  await expect(alert).toContainText('「求人者検索」に戻って検索し直し');
  await expect(alert).not.toContainText('読み込み直');
  await expectAccessible(page);
  await page.getByRole('button', { name: '「求人者検索」に戻る' }).click();
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await expect(page.getByRole('table')).toContainText('利用中');
});
