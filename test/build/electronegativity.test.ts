// R-KIOSK-5 / R-KIOSK-1: @doyensec/electronegativity scans the kiosk's sources (the Electron glue,
// its core and the screens). Every finding fails the test unless build/electronegativity-
// exceptions.json accepts it with a reason. The scan runs offline (support/scan-electronegativity.cjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root } from './support/builder-config.js';

type Finding = { id: string; file: string; line?: number; sample: string; description: string };
type Scan = { scanned: string[]; findings: Finding[]; parseErrors: { file: string; message: string }[] };

const SCANNED = ['src-main/electron', 'src-main/core', 'src-renderer'];

function scan(dirs: string[]): Scan {
  const result = spawnSync(process.execPath, [`${root}test/build/support/scan-electronegativity.cjs`, root, ...dirs], {
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`electronegativity failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const exceptionsFile = JSON.parse(readFileSync(`${root}build/electronegativity-exceptions.json`, 'utf8'));
type Exception = { check: string; file: string; reason: string; evidence?: { file: string; contains: string } };
const exceptions: Exception[] = exceptionsFile.exceptions;
const accepted = (f: Finding) => exceptions.some((e) => e.check === f.id && e.file === f.file);

describe('R-KIOSK-5 electronegativity', () => {
  it('finds the problems of a deliberately insecure window (the scan is not blind)', () => {
    const { findings } = scan(['test/build/fixtures/insecure-app']);
    const ids = new Set(findings.map((f) => f.id));
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
    ]) {
      expect(ids, id).toContain(id);
    }
  }, 180_000);

  it('every exception names a check, a file and a reason; its evidence is still in the code', () => {
    for (const e of [...exceptions, ...exceptionsFile.excludedChecks]) {
      expect(e.check).toMatch(/^[A-Za-z_]+$/);
      expect(e.reason.length).toBeGreaterThan(20);
    }
    for (const { check, evidence } of exceptions) {
      if (!evidence) continue;
      const text = existsSync(`${root}${evidence.file}`) ? readFileSync(`${root}${evidence.file}`, 'utf8') : '';
      expect(
        text.includes(evidence.contains),
        `${check}: evidence gone from ${evidence.file}; re-check the exception`,
      ).toBe(true);
    }
  });

  it('the kiosk sources have no finding that is not accepted with a reason', () => {
    const result = scan(SCANNED);
    console.log(
      `electronegativity: ${result.scanned.length} files scanned in ${SCANNED.join(', ')}; ${result.findings.length} findings`,
    );
    // A file it cannot parse is a file it did not check.
    expect(result.parseErrors).toEqual([]);
    const unexplained = result.findings
      .filter((f) => !accepted(f))
      .map((f) => `${f.id} ${f.file}:${f.line ?? ''} ${f.description}`);
    expect(unexplained).toEqual([]);
    const stale = exceptions.filter((e) => !result.findings.some((f) => f.id === e.check && f.file === e.file));
    if (stale.length)
      console.warn(
        `electronegativity: exceptions no longer needed (remove them): ${stale.map((e) => `${e.check} ${e.file}`).join(', ')}`,
      );
  }, 180_000);
});
