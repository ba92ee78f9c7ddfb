import { ensureOffice, insertAccount } from '../../../src-server/accounts/accounts.repository.js';
import { DAY_MS } from './time.js';
import {
  OFFICE,
  OTHER_OFFICE,
  PASSWORD,
  RESET_SUBJECT,
  employerSignIn,
  expect,
  expectAccessible,
  heading,
  lockOut,
  officeEmployer,
  searchEmployers,
  shot,
  signInAndSearch,
  test,
  withdraw,
} from './fixtures.js';

const COMPANY = '株式会社 ハローワーク商事';

test("求人者検索 shows 利用中 / ロック中 / 退会（n日経過） for the office's own employers only", async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const active = await officeEmployer(service, 'active', `${COMPANY} 本店`);
  const locked = await officeEmployer(service, 'locked', `${COMPANY} 支店`);
  const gone = await officeEmployer(service, 'gone', `${COMPANY} 旧営業所`);
  const other = `other-${Date.now().toString(36)}@example.jp`;
  await service.createEmployer({ id: other, password: PASSWORD, company: `${COMPANY} 渋谷店`, office: OTHER_OFFICE });
  await withdraw(service, gone);
  service.clock.advance(40 * DAY_MS);
  await lockOut(service, locked); // a lock lasts 30 minutes (R-LOGIN-3)

  await signInAndSearch(page, service, ''); // nothing typed
  await expect(page.getByText('「事業所名またはID」を入力してください。').first()).toBeVisible();
  await searchEmployers(page, 'ハローワーク商事');
  await expect(page.getByRole('heading', { name: '検索結果 3件' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: '本店' })).toContainText('利用中');
  await expect(rows.filter({ hasText: '支店' })).toContainText('ロック中');
  await expect(rows.filter({ hasText: '旧営業所' })).toContainText('退会（40日経過）');
  await expect(page.getByRole('table')).not.toContainText('渋谷店');
  await expectAccessible(page);
  await shot(page, '74-staff-employer-search');

  // By exact ID too; another office's employer is not found, like none.
  await searchEmployers(page, active);
  await expect(page.getByRole('heading', { name: '検索結果 1件' })).toBeVisible();
  await searchEmployers(page, other);
  await expect(page.getByRole('heading', { name: '検索結果 0件' })).toBeVisible();
  await expect(page.getByText('該当する求人者はいません。')).toBeVisible();
});

test('求人者検索 ignores width, kana, spaces and ㈱, and shows さらに表示 until every match is listed', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  // 51 employers straight into the table (none signs in): one more than a page
  const officeId = await ensureOffice(service.db, OFFICE);
  const now = service.clock.now().getTime();
  for (let i = 0; i < 51; i++)
    await insertAccount(service.db, {
      id: `page-${i}`,
      login_id: `page-${i}-${now}@example.jp`,
      password_hash: 'not-a-hash',
      company: `㈱ハローワーク 第${String(i).padStart(2, '0')}支店`,
      office_id: officeId,
      status: 'active',
      withdrawn_at: null,
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    });
  await signInAndSearch(page, service, 'ﾊﾛｰ ﾜｰｸ 第');
  await expect(page.getByRole('heading', { name: '検索結果 50件' })).toBeVisible();
  await page.getByRole('button', { name: 'さらに表示' }).click();
  await expect(page.getByRole('heading', { name: '検索結果 51件' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'さらに表示' })).toHaveCount(0);
  const names = await page.getByRole('table').getByRole('rowheader').allTextContents();
  expect(new Set(names).size).toBe(51);
});

test('確認依頼: IDを表示 after recording the document and a note, with the passkey again; shown once; audited in 操作履歴', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const id = await officeEmployer(service, 'forgot', COMPANY);
  await employerSignIn(service, id);

  await signInAndSearch(page, service, 'ハローワーク商事');
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await expect(heading(page, COMPANY)).toBeVisible();
  // Not locked: nothing to unlock, so ロック解除 is not offered (nor audited).
  await expect(page.getByRole('definition').filter({ hasText: '利用中' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ロック解除' })).toHaveCount(0);

  // Nothing recorded: nothing shown, and each field says what is missing.
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByText('「確認した本人確認書類」を選択してください。').first()).toBeVisible();
  await expect(page.getByText('「メモ」を入力してください。').first()).toBeVisible();
  await expect(page.getByText(id)).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel('確認した本人確認書類').selectOption({ label: '運転免許証' });
  await page.getByLabel('メモ').fill('窓口で運転免許証を確認。来所者は代表者本人。');
  await shot(page, '75-staff-reveal-id-form');
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByRole('heading', { name: '求人者のID（メールアドレス）' })).toBeVisible();
  await expect(page.getByText(id, { exact: true })).toBeVisible();
  await expect(page.getByText('このIDは一度だけ表示されます。')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '76-staff-id-revealed');
  await page.getByRole('button', { name: '閉じる' }).click();
  await expect(page.getByText(id, { exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: '操作履歴を表示' }).click();
  const history = page.getByRole('table', { name: '操作履歴' });
  await expect(history).toContainText('ログイン');
  await expect(history).toContainText('IDの表示（確認依頼）');
  await expectAccessible(page);
  await shot(page, '77-staff-employer-history');
});

test('ロック解除 lifts the lock, and the employer signs in again at once', async ({ page, service, authenticator }) => {
  expect(authenticator).toBeTruthy();
  const id = await officeEmployer(service, 'locked', COMPANY);
  await lockOut(service, id);
  expect((await employerSignIn(service, id)).body.error).toBe('locked');

  await signInAndSearch(page, service, id);
  await expect(page.getByRole('table')).toContainText('ロック中');
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await page.getByRole('button', { name: 'ロック解除' }).click();
  const done = page.getByText('ロックを解除しました。求人者はすぐにログインできます。');
  await expect(done).toBeVisible();
  await expect(done).toBeFocused(); // the button it replaces is gone: focus is on what happened
  await expect(page.getByRole('definition').filter({ hasText: '利用中' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ロック解除' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, '78-staff-unlocked');
  expect((await employerSignIn(service, id)).status).toBe(200);

  // The next action clears the message of the last one.
  await page.getByRole('button', { name: '操作履歴を表示' }).click();
  await expect(page.getByRole('table', { name: '操作履歴' })).toContainText('ロック');
  await expect(done).toHaveCount(0);
  await page.getByRole('button', { name: '「求人者検索」に戻る' }).click();
  await expect(page.getByRole('table')).toContainText('利用中');
});

test('利用再開 for an account withdrawn 31+ days ago, with the passkey again; the reset key is mailed; the old password no longer works', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const id = await officeEmployer(service, 'back', COMPANY);
  await withdraw(service, id);
  service.clock.advance(31 * DAY_MS);

  await signInAndSearch(page, service, id);
  await expect(page.getByRole('table')).toContainText('退会（31日経過）');
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await expect(page.getByRole('button', { name: 'IDを表示' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, '79-staff-reinstate');
  await page.getByRole('button', { name: '利用再開' }).click();
  await expect(page.getByText('利用を再開しました。')).toBeVisible();
  // R-PW-7: the clerk is told that the key went (the staff's own budget, never the public one).
  await expect(page.getByText('パスワード再登録のためのメールを送信しました。')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '利用中' })).toBeVisible();
  const mail = await service.mail.waitFor({ to: id, subject: RESET_SUBJECT });
  expect(mail.subject).toBe(RESET_SUBJECT);
  expect((await employerSignIn(service, id)).status).not.toBe(200);
});

test('R-REREG-1: an account withdrawn within 30 days offers no 利用再開; the counter can show a forgotten ID, then the employer re-registers', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const id = await officeEmployer(service, 'recent', COMPANY);
  await withdraw(service, id);
  service.clock.advance(10 * DAY_MS);

  await signInAndSearch(page, service, id);
  await page.getByRole('button', { name: `${COMPANY} の詳細` }).click();
  await expect(page.getByText('退会（10日経過）')).toBeVisible();
  await expect(page.getByRole('button', { name: '利用再開' })).toHaveCount(0);
  await expect(page.getByText('「アカウントを再登録」から利用を再開できます')).toBeVisible();
  // Forgot the ID too: after the identity check the counter shows it (audited, once).
  await page.getByLabel('確認した本人確認書類').selectOption({ label: '運転免許証' });
  await page.getByLabel('メモ').fill('退会後10日。IDを失念。運転免許証を確認。');
  await page.getByRole('button', { name: 'IDを表示' }).click();
  await expect(page.getByText(id, { exact: true })).toBeVisible();
  await expectAccessible(page);
});
