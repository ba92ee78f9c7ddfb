#!/usr/bin/env node
// The kiosk half of `npm start` (called by scripts/start.mjs once the service runs; also
// `node scripts/start-kiosk.mjs [serviceUrl]` on its own): enrolls a dev terminal with a fresh
// one-time code and opens the kiosk. Without the Electron binary it says so, how to get it, and
// opens the kiosk preview in Chromium instead (scripts/kiosk-preview.ts: the real kiosk core
// behind the page, marked プレビュー).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findElectron } from '../build/electron-dist.mjs';

const root = resolve(import.meta.dirname, '..');
const serviceUrl = process.argv[2] ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8080'}`;
const OFFICE = '飯田橋公共職業安定所'; // the office `mypage seed-demo` creates

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return '(the version in package.json)';
  }
}

async function serviceAnswers() {
  // The service was just spawned: give it up to 30 s to listen (real time: a real process).
  for (let i = 0; i < 60; i++) {
    try {
      const r = await fetch(`${serviceUrl}/api/v1/meta`);
      if (r.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const run = (args) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

/** A one-time code for a terminal at the demo office (IT's `mypage enroll-code`). */
function enrollmentCode(label) {
  const issued = run(['bin/mypage.js', 'enroll-code', '--office', OFFICE, '--label', label]);
  if (issued.status !== 0) {
    console.error(`start: could not issue an enrollment code:\n${issued.stderr}`);
    process.exit(1);
  }
  return issued.stdout.split('\n')[0].trim();
}

const electron = findElectron({ root });
if (!electron) {
  console.log(`
start: the kiosk (Electron) cannot open here — the Electron binary is not installed.
  \`npm install\` installs the "electron" package's types but never downloads the program
  (it comes from github.com, which offline machines cannot reach).
  To get it, where github.com is reachable:
    npm run electron:install
  or point at an Electron ${electronVersion()} you have:
    KIOSK_ELECTRON_PATH=/path/to/electron npm start
  Meanwhile the kiosk opens as a preview in Chromium (marked プレビュー): the same kiosk core
  (src-main/core) behind the page, as the kiosk-host test suite runs it. The web screens: ${serviceUrl}/
`);
  if (!(await serviceAnswers())) {
    console.error(`start: the service at ${serviceUrl} does not answer; the kiosk preview is not opened.`);
    process.exit(1);
  }
  // A demo terminal of the preview's own, enrolled at each start (its key lives in memory only).
  const env = { ...process.env, KIOSK_PREVIEW_ENROLL_CODE: enrollmentCode('kiosk preview (npm start)') };
  const preview = spawn(process.execPath, ['--import', 'tsx', 'scripts/kiosk-preview.ts', serviceUrl], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => preview.kill(signal));
  preview.on('exit', (code) => process.exit(code ?? 0));
} else {
  await openElectronKiosk(electron);
}

async function openElectronKiosk(electron) {
  if (!(await serviceAnswers())) {
    console.error(`start: the service at ${serviceUrl} does not answer; the kiosk is not opened.`);
    process.exit(1);
  }

  const built = run(['scripts/build-kiosk.mjs']);
  if (built.status !== 0) {
    console.error(built.stderr || built.stdout);
    process.exit(1);
  }

  // A dev terminal of its own (data/kiosk-dev), enrolled once with a fresh code from the CLI.
  const dev = join(root, 'data/kiosk-dev');
  mkdirSync(dev, { recursive: true });
  const policy = join(dev, 'policy.json');
  writeFileSync(policy, JSON.stringify({ serviceUrl, office: OFFICE }, null, 2));
  const env = { ...process.env, HELLOWORK_KIOSK_USER_DATA: join(dev, 'user-data'), HELLOWORK_KIOSK_POLICY: policy };
  if (
    !existsSync(join(dev, 'user-data', 'kiosk-settings.json')) ||
    !readFileSync(join(dev, 'user-data', 'kiosk-settings.json'), 'utf8').includes('terminalId')
  ) {
    env.HELLOWORK_KIOSK_ENROLL_CODE = enrollmentCode('dev kiosk (npm start)');
    console.log('start: enrolling a dev terminal (data/kiosk-dev)');
  }

  console.log(
    `start: opening the kiosk on ${serviceUrl} (IT exit: Ctrl+Alt+Shift+K; no admin PIN is set in dev, so close it from this terminal with Ctrl+C)`,
  );
  const kiosk = spawn(electron, [join(root, 'dist/kiosk/main.cjs')], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => kiosk.kill(signal));
  kiosk.on('exit', (code) => process.exit(code ?? 0));
}
