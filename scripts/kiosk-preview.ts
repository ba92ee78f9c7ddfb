// The kiosk in a browser (issue 21): what `npm start` opens where the Electron binary is missing
// (scripts/start-kiosk.mjs runs `node --import tsx scripts/kiosk-preview.ts <serviceUrl>` with the
// demo terminal's one-time code in KIOSK_PREVIEW_ENROLL_CODE). It opens Chromium on the kiosk
// page with the real src-main/core behind `window.kiosk`: the kiosk host of the test suites
// (test/support/kiosk-host/kiosk-preview.ts reuses it; nothing here is a copy of it), marked
// プレビュー, with the on-screen keyboard, 文字サイズ / 色合い, the idle warning and the offline screen.
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH), launched as the suites launch it.
// KIOSK_PREVIEW_HEADLESS=1 runs it without a window (a machine with no display; the kiosk-host
// suite's preview.spec.ts): it still says what the page shows.
import { chromium, type Browser } from '@playwright/test';
import { createInterface } from 'node:readline';
import config from '../playwright.config.js';
import { openKioskPreview } from '../test/support/kiosk-host/kiosk-preview.js';

const serviceUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const code = process.env.KIOSK_PREVIEW_ENROLL_CODE ?? '';
const say = (text: string) => console.log(`kiosk preview: ${text}`);

// A window needs a display; without one (a server over ssh) say so and leave the service running.
const headless = process.env.KIOSK_PREVIEW_HEADLESS === '1';
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!headless && !hasDisplay) {
  say(`no display here (DISPLAY is not set), so no browser window can open.
  Run \`npm start\` on a desktop (or \`ssh -X\`) to see the kiosk preview; the web screens are at ${serviceUrl}/`);
  process.exit(0);
}
if (!code) {
  say('no enrollment code (KIOSK_PREVIEW_ENROLL_CODE): run it through `npm start`.');
  process.exit(1);
}

const launchOptions = config.use?.launchOptions ?? {};
let browser: Browser;
try {
  browser = await chromium.launch({ ...launchOptions, headless });
} catch (error) {
  say(`Chromium did not start (${String(error).split('\n')[0]}).
  Install it (Debian: apt-get install chromium fonts-noto-cjk) or point CHROMIUM_PATH at one.`);
  process.exit(1);
}
const preview = await openKioskPreview(browser, { serviceUrl, enrollmentCode: code });
// What the window shows once it is drawn: its heading, where it comes from, and the preview mark.
const page = preview.kiosk.page();
const h1 = page.getByRole('heading', { level: 1 });
await h1.waitFor();
const marked = await page.getByTestId('preview-mark').textContent();
say(`showing 「${await h1.textContent()}」 at ${page.url()} — ${marked ?? 'not marked as a preview'}`);
say(`open — the kiosk on ${serviceUrl} with the real kiosk core (src-main/core), the demo terminal enrolled.
  Sign in with the demo login; the on-screen keyboard opens on each field (次へ moves on), 文字サイズ / 色合い are on top.
  After some input, 90 s without any brings the idle warning and 120 s the wipe. Type here, then Enter:
    o  the service stops answering the kiosk: the next request (e.g. ログイン) shows the offline screen;
       o again: it answers, and the screen comes back as it was
    i  skip ahead 90 s (the idle warning, once someone has typed)
  Ctrl+C closes it.`);

let down = false;
createInterface({ input: process.stdin }).on('line', (line) => {
  const key = line.trim();
  if (key === 'o') {
    down = !down;
    if (down) preview.offline();
    else preview.online();
    say(down ? 'the service stops answering the kiosk' : 'the service answers again');
  } else if (key === 'i') preview.skip(90_000);
});

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  await preview.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void close());
browser.on('disconnected', () => void close()); // the window closed by hand
