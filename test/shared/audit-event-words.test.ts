import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import eventsEn from '../../src-renderer/lib/i18n/staff/events-en.js';
import eventsJa from '../../src-renderer/lib/i18n/staff/events-ja.js';
import { REPO } from '../support/rules-index.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith('.ts') ? [full] : [];
  });
}

/** Every audit event type the service can record: the `type: 'a.b'` literals (ternaries too). */
function recordedTypes(): string[] {
  const types = new Set<string>();
  for (const file of walk(path.join(REPO, 'src-server'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\btype:/.test(line)) continue;
      for (const [, t] of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) if (!t!.startsWith('audit_events.')) types.add(t!);
    }
  }
  return [...types].sort();
}

describe('the staff console words every audit event the service records', () => {
  it('監査ログ and 操作履歴 have Japanese and English words for each type, never 「その他の操作（…）」', () => {
    const types = recordedTypes();
    expect(types.length).toBeGreaterThan(30); // the scan finds the service's events
    expect(types).toContain('staff.reinstated');
    expect(types.filter((t) => !(t in eventsJa))).toEqual([]);
    expect(types.filter((t) => !(t in eventsEn))).toEqual([]);
  });
});
