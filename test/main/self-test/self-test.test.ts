// Issue 22 item 4: `hellowork-kiosk --self-test`, the post-install smoke check. Each check on a
// real profile (settings store, key file, policy file) and a real HTTP service on loopback; the
// clock is injected. Every failing check prints what to do next and sets its documented exit code.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SELF_TEST_EXIT } from '../../../src-main/core/exit-codes.js';
import { MemorySettingsStore } from '../../../src-main/core/ports.js';
import { runSelfTest, type SelfTestDeps } from '../../../src-main/core/self-test/self-test.js';
import { machineIdHash } from '../../../src-main/core/terminal/machine-id.js';
import { placePrivateKey, writeTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';
import { fakeSecretBox } from '../fakes/fake-ports.js';

const MACHINE = '3d1219c7c4c5404aaa1f6d2a48adfda4';
let answer: { status: number; body: string } = { status: 200, body: '{"mailFrom":"a@example.jp","production":true}' };
const server: Server = createServer((req, res) => {
  if (req.url !== '/api/v1/meta') return void res.writeHead(404).end();
  res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
});
let serviceUrl: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dir: string;
let store: MemorySettingsStore;
let deps: SelfTestDeps;
const keyFile = () => path.join(dir, 'terminal-key.pem');
const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** An enrolled terminal as enrollment leaves it: the record in the store, the key in a 0600 file. */
async function enroll(opts: { osBacked?: boolean } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const key = await placePrivateKey(
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fakeSecretBox(opts.osBacked ?? false),
    keyFile(),
  );
  writeTerminalRecord(store, {
    terminalId: 'T0000042',
    machineIdHash: await machineIdHash(async () => MACHINE),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    office: '飯田橋公共職業安定所',
    serviceUrl,
    key,
  });
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'self-test-'));
  store = new MemorySettingsStore();
  answer = { status: 200, body: '{"mailFrom":"a@example.jp","production":true}' };
  deps = {
    openStore: () => store,
    policyPath: path.join(dir, 'policy.json'),
    machineId: async () => MACHINE,
    now: () => Date.now(),
    version: '1.4.2',
  };
  await enroll();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lineOf = (lines: string[], check: string) => lines.find((l) => l.slice(5).startsWith(`${check}:`)) ?? '';
const secondsOff = (lines: string[]) => Number(/(\d+) s /.exec(lineOf(lines, 'clock'))?.[1]);

describe('R-KIOSK-5 hellowork-kiosk --self-test', () => {
  it('an enrolled terminal that reaches its service with a good clock: four OK lines, exit 0', async () => {
    const report = await runSelfTest(deps);
    expect(report.lines[0]).toBe('HelloWork Kiosk 1.4.2 self-test');
    expect(report.lines.slice(1, 5).map((l) => l.slice(0, 4))).toEqual(['OK  ', 'OK  ', 'OK  ', 'OK  ']);
    expect(lineOf(report.lines, 'enrollment')).toContain('terminal T0000042 (飯田橋公共職業安定所)');
    expect(lineOf(report.lines, 'enrollment')).toContain('matches the enrolled key');
    expect(lineOf(report.lines, 'service')).toContain(`${serviceUrl} answered in`);
    expect(report.lines.at(-1)).toBe('result: no check failed; exit 0');
    expect(report.exitCode).toBe(0);
  });

  it('a policy file that is not JSON fails the configuration check, exit 1, naming the file and the fix', async () => {
    writeFileSync(deps.policyPath, '{ "serviceUrl": ');
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'configuration')).toMatch(
      /^FAIL configuration: the policy file .*policy\.json is not valid JSON/,
    );
    expect(lineOf(report.lines, 'configuration')).toContain('Fix the policy file');
    expect(lineOf(report.lines, 'enrollment')).toMatch(/^OK/); // the other checks still run
    expect(report.exitCode).toBe(SELF_TEST_EXIT.config);
    expect(report.lines.at(-1)).toBe('result: 1 of 4 checks failed; exit 1 (configuration)');
  });

  it('a policy field this version does not know (a roll-back) fails the configuration check, exit 1', async () => {
    writeFileSync(deps.policyPath, JSON.stringify({ serviceUrl, minimumScreenBrightness: 80 }));
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'configuration')).toMatch(/FAIL configuration: .*minimumScreenBrightness/);
    expect(report.exitCode).toBe(1);
  });

  it('kiosk settings that cannot be read: configuration fails, enrollment cannot be checked, exit 1', async () => {
    deps.openStore = () => {
      throw new SyntaxError('Unexpected end of JSON input');
    };
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'configuration')).toContain('kiosk-settings.json in its profile) cannot be read');
    expect(lineOf(report.lines, 'enrollment')).toMatch(/^SKIP/);
    expect(report.exitCode).toBe(1);
  });

  it('a terminal not enrolled fails the enrollment check, exit 3, saying how to enroll', async () => {
    store.delete('terminal');
    writeFileSync(deps.policyPath, JSON.stringify({ serviceUrl }));
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'enrollment')).toBe(
      "FAIL enrollment: this terminal is not enrolled. Issue an enrollment code (staff console, or mypage enroll-code) and type it on the kiosk's enrollment screen.",
    );
    expect(lineOf(report.lines, 'service')).toMatch(/^OK/); // the policy's URL is still tried
    expect(report.exitCode).toBe(SELF_TEST_EXIT.enrollment);
  });

  it('a key file that is gone, or is another key, fails the enrollment check, exit 3', async () => {
    unlinkSync(keyFile());
    let report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'enrollment')).toMatch(
      /FAIL enrollment: .*terminal-key\.pem cannot be read \(ENOENT\)/,
    );
    expect(report.exitCode).toBe(3);
    writeFileSync(keyFile(), pem());
    report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'enrollment')).toContain('is not the key it enrolled. Re-enroll.');
    expect(report.exitCode).toBe(3);
  });

  it('a profile copied from another machine fails the enrollment check, exit 3', async () => {
    deps.machineId = async () => 'ffffffffffffffffffffffffffffffff';
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'enrollment')).toContain('was enrolled on another machine');
    expect(report.exitCode).toBe(3);
  });

  it('a key kept by the OS key store counts as present (the kiosk opens it at start)', async () => {
    await enroll({ osBacked: true });
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'enrollment')).toContain('kept by the OS key store (gnome_libsecret)');
    expect(report.exitCode).toBe(0);
  });

  it('a service that does not answer fails the service check, exit 4; the clock cannot be checked', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    writeFileSync(deps.policyPath, JSON.stringify({ serviceUrl: `http://127.0.0.1:${port}` }));
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'service')).toMatch(
      /^FAIL service: http:\/\/127\.0\.0\.1:\d+ did not answer \(ECONNREFUSED\)/,
    );
    expect(lineOf(report.lines, 'clock')).toBe('SKIP clock: needs an answer from the service');
    expect(report.exitCode).toBe(SELF_TEST_EXIT.service);
  });

  it('a service that answers 503, or a page that is not the service, fails the service check, exit 4', async () => {
    answer = { status: 503, body: '{"error":"service_unavailable","message":"x"}' };
    let report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'service')).toContain('answered HTTP 503');
    expect(report.exitCode).toBe(4);
    answer = { status: 200, body: '<html>Wi-Fi login</html>' };
    report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'service')).toContain('answered, but not as the My Page service');
    expect(report.exitCode).toBe(4);
  });

  it('a clock minutes away from the service’s fails the clock check, exit 5; seconds away passes', async () => {
    deps.now = () => Date.now() + 10 * 60_000;
    let report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'clock')).toMatch(
      /^FAIL clock: this machine's clock is \d+ s ahead of the service's \(60 s allowed\)/,
    );
    expect(secondsOff(report.lines)).toBeCloseTo(600, -1); // the Date header has whole seconds
    expect(lineOf(report.lines, 'clock')).toContain('timedatectl set-ntp true');
    expect(report.exitCode).toBe(SELF_TEST_EXIT.clock);
    deps.now = () => Date.now() - 5 * 60_000;
    report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'clock')).toMatch(/clock is \d+ s behind/);
    expect(secondsOff(report.lines)).toBeCloseTo(300, -1);
    deps.now = () => Date.now() + 20_000;
    report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'clock')).toMatch(/^OK {3}clock: within \d+ s of the service's clock/);
    expect(secondsOff(report.lines)).toBeCloseTo(20, -1);
    expect(report.exitCode).toBe(0);
  });

  it('an answer without a Date header (a proxy that strips it) fails the clock check, exit 5', async () => {
    const at = Date.now();
    deps.probe = async () => ({
      status: 200,
      body: { mailFrom: 'a@example.jp', production: true },
      date: undefined,
      ms: 3,
      localMidpoint: at,
    });
    const report = await runSelfTest(deps);
    expect(lineOf(report.lines, 'clock')).toContain('the service sent no Date header');
    expect(report.exitCode).toBe(5);
  });

  it('several failures: every line is printed, and the exit code is the first failing check’s', async () => {
    writeFileSync(deps.policyPath, 'not json');
    deps.now = () => Date.now() + 10 * 60_000;
    const report = await runSelfTest(deps);
    expect(report.lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(2);
    expect(report.exitCode).toBe(1);
    expect(report.lines.at(-1)).toBe('result: 2 of 4 checks failed; exit 1 (configuration)');
  });
});
