/**
 * Readiness (GET /readyz) as a list of named checks. Each feature that depends on something
 * outside the process registers one check; /readyz runs them all at once, each with a deadline.
 *
 * - A `critical` check that fails makes /readyz answer 503 (the load balancer stops sending
 *   traffic): the database, the migrations, a stuck mail outbox, a draining instance.
 * - A non-critical check reports `degraded` with its reason but keeps /readyz at 200: e.g. Redis
 *   down, where the service goes on with per-process limits (the `scale` feature registers it).
 *
 *   deps.readiness.register({ name: 'redis', critical: false, check: async () => ok() | fail('…') })
 */
export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface ReadinessCheck {
  /** Short and stable: it is a key of the /readyz answer (`database`, `migrations`, `redis`, …). */
  name: string;
  critical: boolean;
  check: () => Promise<CheckResult>;
}

/** A check's outcome; `reason` (free text) only in the operator's report. */
export type CheckReport = { status: 'ok' } | { status: 'failed' | 'degraded'; reason?: string };

/**
 * API.md's shape (`ready`, and `reasons` when not ready) with the named checks added: a load
 * balancer written against API.md and one reading the checks both understand the answer.
 */
export interface ReadinessReport {
  ready: boolean;
  reasons?: string[];
  status: 'ready' | 'degraded' | 'not_ready';
  checks: Record<string, CheckReport>;
}

export const ok = (): CheckResult => ({ ok: true });
export const fail = (reason: string): CheckResult => ({ ok: false, reason });

/** A check that has not answered by then has failed: a load balancer probes with a short timeout. */
export const READINESS_CHECK_DEADLINE_MS = 2_000;

export function createReadiness(deadlineMs = READINESS_CHECK_DEADLINE_MS) {
  const checks = new Map<string, ReadinessCheck>();
  let draining = false;

  async function runOne(c: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve(fail(`no answer within ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      return await Promise.race([
        c.check().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err))),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** Adds a check (a second one with the same name replaces the first). */
    register(check: ReadinessCheck): void {
      checks.set(check.name, check);
    },
    /** Graceful shutdown began: /readyz answers 503 from now on, so the load balancer moves away. */
    startDraining(): void {
      draining = true;
    },
    isDraining(): boolean {
      return draining;
    },
    names(): string[] {
      return [...checks.keys()];
    },
    async evaluate(): Promise<ReadinessReport> {
      const list = [...checks.values()];
      const results = await Promise.all(list.map(runOne));
      const report: ReadinessReport = { ready: true, status: 'ready', checks: {} };
      if (draining) report.checks.shutdown = { status: 'failed', reason: 'the instance is shutting down' };
      list.forEach((c, i) => {
        const r = results[i] ?? fail('not run');
        if (r.ok) return void (report.checks[c.name] = { status: 'ok' });
        report.checks[c.name] = { status: c.critical ? 'failed' : 'degraded', reason: r.reason };
        if (c.critical) report.status = 'not_ready';
        else if (report.status === 'ready') report.status = 'degraded';
      });
      if (draining) report.status = 'not_ready';
      return withApiShape(report);
    },
  };
}

/** `ready` and `reasons` (each failed critical check as `name: reason`) from the checks. */
function withApiShape(report: ReadinessReport): ReadinessReport {
  if (report.status !== 'not_ready') return report;
  const reasons = Object.entries(report.checks).flatMap(([name, c]) =>
    c.status === 'failed' ? [`${name}: ${c.reason}`] : [],
  );
  return { ...report, ready: false, reasons };
}

/**
 * What anyone may read of /readyz: ready or not, the status, and each check by name (its code)
 * with its status — never a reason's text, which can carry a driver's error (a database's or a
 * host's name). `reasons` are the codes of the failed checks. The full report is for the
 * operator: with the metrics bearer (ops.routes.ts).
 */
export function publicReadiness(report: ReadinessReport): ReadinessReport {
  const checks = Object.fromEntries(
    Object.entries(report.checks).map(([name, c]): [string, CheckReport] => [name, { status: c.status }]),
  );
  const reasons = report.reasons ? Object.keys(checks).filter((name) => checks[name]?.status === 'failed') : undefined;
  return { ready: report.ready, status: report.status, ...(reasons ? { reasons } : {}), checks };
}

export type Readiness = ReturnType<typeof createReadiness>;
