import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expectAccessible } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { issueEnrollmentCode } from '../../support/kiosk-host/kiosk-admin.js';
import { heading, typeLogin } from '../../support/kiosk-host/kiosk-flows.js';
import { DEMO_OFFICE, openKioskPreview } from '../../support/kiosk-host/kiosk-preview.js';
import { osk, oskKey } from './osk-flows.js';

test.describe('the kiosk in a browser: `npm start` without Electron (issue 21)', () => {
  test('issue 21: the preview is the kiosk, not the web login — marked プレビュー, the demo terminal enrolled, 文字サイズ / 色合い, the keyboard, the idle warning and the offline screen', async ({
    browser,
    service,
    employer,
  }) => {
    const code = await issueEnrollmentCode(service, DEMO_OFFICE, 'kiosk preview (npm start)');
    // Time moved by the test here (tickMs 0), by the wall clock for people.
    const preview = await openKioskPreview(browser, { serviceUrl: service.url, enrollmentCode: code, tickMs: 0 });
    try {
      const k = preview.kiosk;
      const page = k.page();
      expect(new URL(page.url()).pathname).toBe('/kiosk.html');
      await expect(page.getByTestId('preview-mark')).toContainText('プレビュー');
      await expect(heading(page, '求人者マイページログイン')).toBeVisible(); // enrolled: no 端末登録
      await expect(page.getByRole('group', { name: '文字サイズ' })).toBeVisible();
      await expect(page.getByRole('group', { name: '色合い' })).toBeVisible();
      await page.getByLabel('ID（メールアドレス）').click();
      await expect(osk(page)).toBeVisible();
      await expect(oskKey(page, '{next}')).toBeVisible();
      await expectAccessible(page);

      // The idle warning, once someone has typed.
      await page.keyboard.type('taro');
      await k.until(() => k.core.idle.state.phase === 'active');
      preview.skip(90_000);
      const warning = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
      await expect(warning).toBeVisible();
      await warning.getByRole('button', { name: '延長する' }).click();
      await expect(warning).toHaveCount(0);

      // The offline screen, then the screen as it was.
      preview.offline();
      await typeLogin(page, employer.id, employer.password);
      await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();
      await expect(page.getByTestId('preview-mark')).toBeVisible();
      preview.online();
      preview.skip(60_000);
      await expect(heading(page, '求人者マイページログイン')).toBeVisible();
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    } finally {
      await preview.close();
    }
  });

  test("issue 21: `npm start`'s kiosk half, with no Electron binary, opens the preview on the kiosk page (not the web login)", async ({
    service,
  }) => {
    // scripts/start-kiosk.mjs as `npm start` runs it, Electron missing, the preview without a window.
    const child = spawn(process.execPath, ['scripts/start-kiosk.mjs', service.url], {
      env: {
        ...process.env,
        KIOSK_ELECTRON_PATH: '/nonexistent/electron',
        KIOSK_PREVIEW_HEADLESS: '1',
        DATABASE_URL: service.databaseUrl,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const lines: string[] = [];
      const shown = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('kiosk preview: showing')) resolve(line);
        });
        child.on('exit', (code) => reject(new Error(`exited (${code}) before showing:\n${lines.join('\n')}`)));
      });
      expect(lines.join('\n')).toContain('the Electron binary is not installed');
      expect(shown).toContain('「求人者マイページログイン」');
      expect(shown).toContain('/kiosk.html#login.ja');
      expect(shown).toContain('プレビュー');
      // The demo terminal enrolled with a one-time code issued for it (used, at the demo office).
      const codes = await service.db.selectFrom('enrollment_codes').select(['label', 'used_at']).execute();
      expect(codes).toEqual([{ label: 'kiosk preview (npm start)', used_at: expect.any(Number) }]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
