import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, meets, type BenchResult } from './lib/report.js';

/**
 * `npm run bench:check`: reads bench/results/latest.json (or the file given) and exits non-zero
 * when any target or budget is missed. Judged again from the figures, not from a stored verdict.
 */
const file = process.argv[2] ?? join(import.meta.dirname, 'results', 'latest.json');
let result: BenchResult;
try {
  result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
} catch (err) {
  console.error(`bench:check: cannot read ${file} (run \`npm run bench\` first): ${String(err)}`);
  process.exit(2);
}

// Issue 18: wherever a password login was measured, the service's CPU per login must be judged
// beside it; a result without that row (an older bench, a failed reading) fails the check.
for (const login of result.rows.filter((r) => r.key.startsWith('login.'))) {
  const cpuKey = login.key.replace(/^login\./, 'login-cpu.');
  if (!result.rows.some((r) => r.key === cpuKey))
    result.rows.push({
      key: cpuKey,
      label: `service CPU per login · ${login.label.split(' · ')[1] ?? ''} (missing)`,
      value: NaN,
      unit: 'ms CPU',
      target: { of: 'ratio', op: '<=', limit: 1.15 },
    });
}
const judged = result.rows.filter((r) => r.target);
const missed = judged.filter((r) => !meets(r));
console.log(formatTable(result.rows));
console.log(`\n${file} (${result.startedAt}, load average before ${result.load.before.join(' ')})`);
if (judged.length === 0) {
  console.error('bench:check: no targets in the result');
  process.exit(2);
}
for (const r of missed) console.error(`MISSED: ${r.label} (${r.target?.of} ${r.target?.op} ${r.target?.limit})`);
console.log(`${judged.length - missed.length} of ${judged.length} targets met`);
process.exit(missed.length ? 1 : 0);
