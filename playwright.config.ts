import { defineConfig } from '@playwright/test';

// Browser suites. Chromium is Debian's (/usr/bin/chromium): `npx playwright install` cannot
// download browsers here. Each test starts its own service on a fresh database (test/support).
export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  forbidOnly: true,
  // Builds dist/renderer (the screens the service serves) before any suite runs.
  globalSetup: './test/e2e/web/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 1024 },
  },
  projects: [
    { name: 'web', testDir: 'test/e2e/web' },
    // The staff console on the staff listener (STAFF_PORT), passkeys through a CDP virtual authenticator.
    { name: 'staff', testDir: 'test/e2e/staff' },
    { name: 'kiosk-host', testDir: 'test/e2e/kiosk-host' },
    { name: 'electron', testDir: 'test/e2e/electron' },
    // nginx + TLS + two `mypage serve` + PostgreSQL + Redis + SMTP: deploy/ as docs/deploy.md runs it.
    { name: 'deploy', testDir: 'test/e2e/deploy', timeout: 90_000 },
  ],
});
