import { _electron as electron, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  electronVersionAt,
  electronVersionProblem,
  findElectron,
  pinnedElectronVersion,
} from '../../../build/electron-dist.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

/** Where the Electron binary is (build/electron-dist.mjs); docs/testers.md says how to get it. */
export const ELECTRON = findElectron({ root });
/** The Electron the suite expects (node_modules/electron), and what is wrong with the one it found, if anything. */
export const EXPECTED_ELECTRON = pinnedElectronVersion({ root });
export const FOUND_ELECTRON = ELECTRON ? electronVersionAt(ELECTRON) : undefined;
export const versionProblem = ELECTRON
  ? electronVersionProblem({ binary: ELECTRON, found: FOUND_ELECTRON, expected: EXPECTED_ELECTRON })
  : undefined;
export const skipReason =
  'the Electron binary is not installed on this machine (`npm install` does not download it; run `npm run electron:install` where github.com is reachable, or set KIOSK_ELECTRON_PATH; see docs/testers.md). The same flows run in Chromium in the kiosk-host project.';

let built = false;
/** dist/kiosk (main + preload); dist/renderer is built by the global setup. */
export function buildKiosk(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['scripts/build-kiosk.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/build-kiosk.mjs failed');
  built = true;
}

/**
 * Starts the kiosk as IT would, with three test-only differences (docs/testers.md): its own
 * userData per test (the single-instance lock is per profile), a policy file pointing at the test
 * service, and test hooks (a moved clock) that exist only because the inspector is on.
 */
export async function launchKiosk(testInfo: TestInfo, policy: Record<string, unknown>): Promise<ElectronApplication> {
  buildKiosk();
  const dir = mkdtempSync(path.join(tmpdir(), `kiosk-electron-w${testInfo.workerIndex}-`));
  const policyFile = path.join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  // A shell that exports ELECTRON_RUN_AS_NODE would start Electron as a plain Node: stripped.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  return electron.launch({
    executablePath: ELECTRON!,
    args: [path.join(root, 'dist/kiosk/main.cjs'), '--no-sandbox'],
    cwd: root,
    env: {
      ...env,
      HELLOWORK_KIOSK_USER_DATA: path.join(dir, 'user-data'),
      HELLOWORK_KIOSK_POLICY: policyFile,
      HELLOWORK_KIOSK_TEST_HOOKS: '1',
    },
  });
}

/** Moves the kiosk's clock (main process) by `ms`. */
export async function advance(app: ElectronApplication, ms: number): Promise<void> {
  await app.evaluate(
    (_e, by) =>
      (globalThis as unknown as { __hwKiosk: { clock: { advance(ms: number): void } } }).__hwKiosk.clock.advance(by),
    ms,
  );
}

/** The visitor's bearer token as main holds it (never in the page). */
export async function mainToken(app: ElectronApplication): Promise<string | undefined> {
  return app.evaluate(() => {
    const c = (
      globalThis as unknown as { __hwKiosk: { core: { session: { credential?: { kind: string; token?: string } } } } }
    ).__hwKiosk.core.session.credential;
    return c?.kind === 'bearer' ? c.token : undefined;
  });
}

/**
 * The page the kiosk shows (issue 13: the next visitor's page is loaded ahead in a view that is
 * not shown, so `app.windows()` lists it too): the one whose view is on the window, which is
 * the only one the page's visibility calls visible.
 */
export async function shownPage(app: ElectronApplication, not?: Page): Promise<Page> {
  for (let i = 0; i < 100; i++) {
    for (const p of app.windows()) {
      if (p === not || p.isClosed()) continue;
      if (await p.evaluate(() => document.visibilityState === 'visible').catch(() => false)) return p;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no shown kiosk page');
}
