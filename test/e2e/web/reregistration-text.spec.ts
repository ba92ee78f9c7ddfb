import { readFileSync } from 'node:fs';
import { SEED_TXT } from '../../support/rules-index.js';
import { expect, heading, test } from './fixtures.js';

// The seed's own lines (not copies): the login screen's section for those who withdrew.
const seed = readFileSync(SEED_TXT, 'utf8').split('\n');
const from = seed.indexOf('過去30日以内にマイページを退会した方');
const section = seed.slice(from, seed.indexOf('アカウントを再登録', from) + 1).filter((line) => line.trim() !== '');

test("R-REREG-1: the login screen says in the seed's words how to re-register within 30 days, and its 「アカウントを再登録」 opens the screen that asks for the former email and password", async ({
  page,
  service,
}) => {
  expect(section, "the seed's section: the heading, three lines, the button").toHaveLength(5);
  await page.goto(service.url);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  const main = page.getByRole('main');
  for (const line of section.slice(0, -1)) await expect(main.getByText(line, { exact: true })).toBeVisible();
  await main.getByRole('link', { name: section.at(-1) }).click();

  await expect(heading(page, 'アカウント再登録')).toBeVisible();
  await expect(
    page.getByText(
      '以前アカウントとして利用していたメールアドレスとパスワードを入力し、「次へ進む」ボタンをクリックしてください。',
    ),
  ).toBeVisible();
  await expect(page.getByText(section[3]!, { exact: true })).toBeVisible(); // 「認証キー入力」画面で入力してください
  await expect(page.getByLabel('ID（メールアドレス）')).toBeVisible();
  await expect(page.getByLabel('パスワード', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '次へ進む' })).toBeVisible();
});
