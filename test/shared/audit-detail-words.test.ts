import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import auditEn from '../../src-renderer/lib/i18n/staff/audit-en.js';
import auditJa from '../../src-renderer/lib/i18n/staff/audit-ja.js';
import { codedDetailValues, shownKeys } from '../../src-server/staff-desk/audit-detail.js';
import { REPO } from '../support/rules-index.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** The `reason` codes the service records: literals on `reason` lines of the files that record audit rows or attestation results. */
function recordedReasons(): string[] {
  const reasons = new Set<string>();
  for (const file of walk(path.join(REPO, 'src-server'))) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit|AttestationResult/.test(text) || file.includes('staff-desk')) continue;
    for (const line of text.split('\n'))
      if (/\breason\b/.test(line)) for (const [, r] of line.matchAll(/'([a-z]+(?:_[a-z]+)*)'/g)) reasons.add(r!);
  }
  return [...reasons].sort();
}

describe('監査ログ words every detail it shows (issue 21: no raw codes)', () => {
  it('every key the log may show has Japanese and English words', () => {
    const keys = new Set([...Object.values(shownKeys).flat(), 'noteRecorded', 'label', 'office']);
    expect([...keys].filter((k) => !auditJa.detailKeys[k])).toEqual([]);
    expect([...keys].filter((k) => !auditEn.detailKeys[k])).toEqual([]);
  });

  it('every coded value (画面, 入力元, 利用場所, 実施者, 理由) has words in both catalogs', () => {
    for (const [key, values] of Object.entries(codedDetailValues))
      for (const v of values) {
        expect(auditJa.values[key]?.[v], `${key}=${v}`).toBeTruthy();
        expect(auditEn.values[key]?.[v], `${key}=${v}`).toBeTruthy();
      }
  });

  it('the reasons the service records are all listed (so all worded)', () => {
    const reasons = recordedReasons();
    expect(reasons.length).toBeGreaterThan(5); // the scan finds the attestation and sign-in reasons
    expect(reasons.filter((r) => !(codedDetailValues.reason as readonly string[]).includes(r))).toEqual([]);
  });
});
