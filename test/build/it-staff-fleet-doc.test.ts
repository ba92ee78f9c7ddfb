// R-KIOSK-5, issue 22 item 4: docs/it-staff.md's fleet sections say what the code and the
// repository configuration do — the self-test's exit codes and clock limit, the APT suites, and the
// files that hold a terminal's enrollment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIOSK_EXIT, SELF_TEST_EXIT } from '../../src-main/core/exit-codes.js';
import { SELF_TEST_MAX_CLOCK_SKEW_MS } from '../../src-main/core/self-test/self-test.js';
import { root } from './support/builder-config.js';

const doc = readFileSync(`${root}docs/it-staff.md`, 'utf8');
const section = (title: string) => {
  const start = doc.indexOf(title);
  expect(start, `docs/it-staff.md has "${title}"`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
};

describe('R-KIOSK-5 docs/it-staff.md: updates, roll-back, self-test, re-enrollment', () => {
  it('documents every self-test exit code, none of them a code the supervisors act on', () => {
    const selfTest = section('## Check an install: `hellowork-kiosk --self-test`');
    for (const code of Object.values(SELF_TEST_EXIT)) expect(selfTest).toContain(`**${code}**`);
    const codes = Object.values(SELF_TEST_EXIT) as number[];
    expect(codes).not.toContain(KIOSK_EXIT.itExit);
    expect(codes).not.toContain(KIOSK_EXIT.restart);
    expect(new Set(codes).size).toBe(codes.length);
    expect(selfTest).toContain(`within ${SELF_TEST_MAX_CLOCK_SKEW_MS / 1000} s of the service's`);
  });

  it('names the suites deploy/apt/distributions defines, and the reprepro commands use them', () => {
    const distributions = readFileSync(`${root}deploy/apt/distributions`, 'utf8');
    const suites = [...distributions.matchAll(/^Codename: (\w+)$/gm)].map((m) => m[1]);
    expect(suites).toEqual(['pilot', 'stable']);
    const publish = section('## Publish an update to the fleet');
    expect(publish).toContain('cp deploy/apt/distributions /srv/kiosk-apt/conf/distributions');
    expect(publish).toContain('includedeb pilot');
    expect(section('## Staged rollout')).toContain('copy stable pilot hellowork-kiosk');
    expect(section('## Roll back')).toContain('--allow-downgrades');
  });

  it('names the files the kiosk keeps its enrollment in, as the Electron entry names them', () => {
    const main = readFileSync(`${root}src-main/electron/main.ts`, 'utf8');
    expect(main).toContain("new Store({ name: 'kiosk-settings' })");
    expect(main).toContain("'terminal-key.pem'");
    const reEnroll = section('## Re-enroll a terminal');
    expect(reEnroll).toContain('sudo rm /home/hwkiosk/.config/hellowork-kiosk/kiosk-settings.json');
    expect(reEnroll).toContain('/home/hwkiosk/.config/hellowork-kiosk/terminal-key.pem');
    expect(reEnroll).toContain('C:\\Users\\kioskUser0\\AppData\\Roaming\\hellowork-kiosk\\kiosk-settings.json');
  });
});
