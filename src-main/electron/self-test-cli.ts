import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { machineId } from 'node-machine-id';
import { runSelfTest } from '../core/self-test/self-test.js';

/** `hellowork-kiosk --self-test`: the post-install smoke check instead of the kiosk (docs/it-staff.md). */
export const selfTestRequested = (argv: readonly string[]): boolean => argv.includes('--self-test');

/**
 * Runs core/self-test on this account's profile — or on `--profile=DIR`, the kiosk account's
 * profile read by an administrator: the check only reads, so unlike the kiosk's environment
 * overrides it is allowed in a packaged build (the policy file stays the fixed one). Nothing here
 * needs `app.whenReady()`; it prints its lines and exits with the report's code. Chromium's own
 * state goes to a temporary folder, so a kiosk running on the same profile is never disturbed.
 */
export async function runSelfTestCli(opts: { argv: readonly string[]; policyPath: string }): Promise<void> {
  const profile =
    opts.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length) ?? app.getPath('userData');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hellowork-kiosk-self-test-'));
  app.setPath('userData', scratch);
  const exit = (code: number) => {
    try {
      rmSync(scratch, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // Chromium may still hold a file there (Windows): the OS's temp cleanup takes it later.
    }
    app.exit(code);
  };
  let report;
  try {
    report = await runSelfTest({
      openStore: () => new Store({ name: 'kiosk-settings', cwd: profile }),
      policyPath: opts.policyPath,
      machineId: () => machineId(true),
      now: () => Date.now(),
      version: app.getVersion(),
    });
  } catch (error) {
    process.stderr.write(`self-test: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return exit(1);
  }
  process.stdout.write(`${report.lines.join('\n')}\n`);
  exit(report.exitCode);
}
