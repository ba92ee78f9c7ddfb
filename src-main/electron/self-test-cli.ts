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
 * needs `app.whenReady()`; it prints its lines and exits with the report's code.
 */
export async function runSelfTestCli(opts: { argv: readonly string[]; policyPath: string }): Promise<void> {
  const profile = opts.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
  let report;
  try {
    report = await runSelfTest({
      openStore: () => new Store({ name: 'kiosk-settings', ...(profile ? { cwd: profile } : {}) }),
      policyPath: opts.policyPath,
      machineId: () => machineId(true),
      now: () => Date.now(),
      version: app.getVersion(),
    });
  } catch (error) {
    process.stderr.write(`self-test: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return app.exit(1);
  }
  process.stdout.write(`${report.lines.join('\n')}\n`);
  app.exit(report.exitCode);
}
