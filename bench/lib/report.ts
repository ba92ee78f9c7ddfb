import { cpus, freemem, loadavg, totalmem } from 'node:os';

/**
 * One line of the table. A figure with a target is judged on `ratio` (against a limit measured
 * in the same run) or, for budgets and error counts, on `value` itself.
 */
export interface Row {
  key: string;
  label: string;
  value: number;
  unit: string;
  /** The limit it is measured against, in the same run. */
  against?: { label: string; value: number };
  ratio?: number;
  /** Judged rows also fail on any error. */
  target?: { of: 'ratio' | 'value' | 'errors'; op: '>=' | '<='; limit: number };
  p50?: number;
  p99?: number;
  errors?: number;
  note?: string;
}

export interface BenchResult {
  startedAt: string;
  /** The commit of this checkout, and where the measured service came from (BENCH_SERVICE_ROOT). */
  commit: string;
  serviceRoot: string;
  seconds: number;
  machine: ReturnType<typeof describeMachine>;
  /** Load average before and after: other work on the machine skews every figure. */
  load: { before: number[]; after: number[] };
  rows: Row[];
  /** The raw figures behind the rows. */
  details: Record<string, unknown>;
}

export function describeMachine() {
  const c = cpus();
  return {
    cpus: c.length,
    model: c[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeGiBAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export const loadAverage = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** undefined when the row has no target; otherwise whether it is met. */
export function meets(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  if (row.errors !== undefined && row.errors > 0) return false;
  const x = row.target.of === 'ratio' ? row.ratio : row.target.of === 'errors' ? row.errors : row.value;
  if (x === undefined || !Number.isFinite(x)) return false;
  return row.target.op === '>=' ? x >= row.target.limit : x <= row.target.limit;
}

const fmt = (x: number | undefined, digits = 1) =>
  x === undefined || !Number.isFinite(x) ? '' : Math.abs(x) >= 100 ? Math.round(x).toString() : x.toFixed(digits);

export function formatTable(rows: Row[]): string {
  const head = ['measure', 'value', 'against (same run)', 'ratio', 'target', 'p50 ms', 'p99 ms', 'err', 'ok'];
  const body = rows.map((r) => {
    const ok = meets(r);
    return [
      r.label,
      `${fmt(r.value)} ${r.unit}`,
      r.against ? `${r.against.label} ${fmt(r.against.value)}` : '',
      r.ratio === undefined ? '' : r.ratio.toFixed(2),
      r.target ? `${r.target.of} ${r.target.op} ${r.target.limit}` : '',
      fmt(r.p50),
      fmt(r.p99),
      r.errors === undefined ? '' : String(r.errors),
      ok === undefined ? '' : ok ? 'yes' : 'MISS',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...body.map(line)].join('\n');
}
