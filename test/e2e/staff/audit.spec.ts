import { recordAudit } from '../../../src-server/audit/audit.repository.js';
import { api } from '../../../src-shared/api/routes.js';
import { createClient } from '../../support/http-client.js';
import { signInStaff as signInOverApi } from '../../support/staff.js';
import { enrollKiosk } from '../../server/kiosk/kiosk-helpers.js';
import {
  OFFICE,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  heading,
  shot,
  staffConsole,
  test,
} from './fixtures.js';

test('監査ログ opens on 職員の操作, naming who; 求人者の操作 and 端末の記録 in words', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  const employer = await service.employer();
  await createClient(service.url).post(api.login.path, { id: employer.id, password: 'Wr0ng!pass' });
  await signInOverApi(service, { role: 'it', name: '情報 次郎' });

  await staffConsole(page, service, 'it');
  const menu = page.getByRole('navigation', { name: '職員メニュー' });
  await menu.getByRole('button', { name: '登録コードを発行' }).click();
  await page.getByLabel('安定所').selectOption(OFFICE);
  await page.getByLabel('端末名').fill('受付横 3');
  await page.getByRole('main').getByRole('button', { name: '登録コードを発行' }).click();
  await expect(page.getByRole('heading', { name: '登録コード', exact: true })).toBeVisible();

  await menu.getByRole('button', { name: '監査ログ' }).click();
  await expect(heading(page, '監査ログ')).toBeVisible();
  const kind = page.getByLabel('表示する記録');
  const log = page.getByRole('table', { name: '監査ログ' });
  const rows = log.getByRole('row');
  // 職員の操作 first: every row names the staff member who acted
  await expect(kind).toHaveValue('staff');
  await expect(kind.getByRole('option')).toHaveText(['職員の操作', '求人者の操作', '端末の記録', 'すべての記録']);
  await expect(page.getByText('職員の操作を表示しています。')).toBeVisible();
  await expect(rows.filter({ hasText: '受付横 3' }).filter({ hasText: '情報 花子' })).toContainText('登録コードの発行');
  await expect(rows.filter({ hasText: '情報 次郎' }).filter({ hasText: '職員ログイン' })).toHaveCount(1);
  await expect(log).not.toContainText('端末登録');
  await expect(log).not.toContainText('パスワード誤り');
  await expectNoSidewaysScroll(page, '監査ログ');
  await expectAccessible(page);
  await shot(page, '83-staff-audit-log');

  await kind.selectOption({ label: '求人者の操作' });
  await expect(page.getByText('求人者の操作を表示しています。')).toBeVisible();
  await expect(rows.filter({ hasText: 'パスワード誤り' })).toContainText(
    '画面：ログイン、入力元：その他（記憶されていない端末・ブラウザ）',
  );
  await expect(log).not.toContainText('職員ログイン');
  await expect(log).not.toContainText('login');
  await expectNoSidewaysScroll(page, '監査ログ');
  await expectAccessible(page);

  await kind.selectOption({ label: '端末の記録' });
  await expect(rows.filter({ hasText: '端末登録' })).toContainText('端末名：受付横 1、安定所：飯田橋公共職業安定所');
  await expect(log).not.toContainText('職員ログイン');
  await expectAccessible(page);
  await shot(page, '86-staff-audit-log-kiosks');
});

test('監査ログ of one staff member: their 職員ID typed as it comes (lower case, full width); a malformed one is named', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const colleague = await signInOverApi(service, { role: 'it', name: '情報 次郎' });
  await staffConsole(page, service, 'it');
  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('button', { name: '監査ログ' }).click();
  const log = page.getByRole('table', { name: '監査ログ' });
  const rows = log.getByRole('row');
  await expect(log).toContainText('情報 花子');
  await page.getByLabel('職員ID').fill('ｓ!?');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByText('職員IDは、Sと数字7桁で入力してください（例：S1234567）。').first()).toBeVisible();
  await expect(page.getByLabel('職員ID')).toBeFocused();
  await expectAccessible(page);
  const typed = colleague.staffId
    .toLowerCase()
    .replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  await page.getByLabel('職員ID').fill(typed);
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByText(`職員の操作のうち、職員ID ${colleague.staffId} の記録を表示しています。`)).toBeVisible();
  await expect(rows.filter({ hasText: '職員ログイン' }).filter({ hasText: '情報 次郎' })).toHaveCount(1);
  await expect(log).not.toContainText('情報 花子');
  await expectAccessible(page);
  await shot(page, '87-staff-audit-log-one-staff');
});

test('監査ログ pages with さらに表示: older entries of the same choice follow, none repeated, none skipped (even in one millisecond)', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  for (let i = 0; i < 60; i++)
    await recordAudit(service.db, service.clock, {
      type: 'kiosk.code_issued',
      detail: { office: OFFICE, label: `端末 ${String(i).padStart(2, '0')}` },
    });
  await staffConsole(page, service, 'it');
  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('button', { name: '監査ログ' }).click();
  await page.getByLabel('表示する記録').selectOption({ label: '端末の記録' });
  const rows = page.getByRole('table', { name: '監査ログ' }).getByRole('row');
  await expect(rows).toHaveCount(51); // the heading row and a page of 50
  await page.getByRole('button', { name: 'さらに表示' }).click();
  await expect(page.getByRole('button', { name: 'さらに表示' })).toHaveCount(0);
  const labels = (await rows.allInnerTexts()).flatMap((t) => /端末 (\d\d)/.exec(t)?.[1] ?? []);
  expect(new Set(labels).size).toBe(60);
  expect(labels).toHaveLength(60);
  await expect(page.getByRole('table', { name: '監査ログ' })).not.toContainText('職員ログイン');
});
