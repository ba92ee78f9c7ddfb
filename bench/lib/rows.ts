import type { BurstFigures } from '../phases/burst.js';
import type { EndpointFigures } from '../phases/endpoints.js';
import { OUTAGE_MS, type DbDropFigures } from '../phases/db-drop.js';
import { RELAY_DELAY_MS, type MailDelayFigures } from '../phases/mail-delay.js';
import type { ScaleOutFigures } from '../phases/scale-out.js';
import type { buildScreens } from '../phases/screens.js';
import type { measureArgon2Limit } from './argon2-limit.js';
import type { LoadResult } from './load.js';
import type { Row } from './report.js';
import type { Settings } from './settings.js';

/** Everything the run measured; the table is derived from it. */
export interface Figures {
  argon2?: Awaited<ReturnType<typeof measureArgon2Limit>>;
  bare?: LoadResult;
  sqlite?: EndpointFigures;
  postgres?: EndpointFigures;
  postgresSkipped?: string;
  burst?: BurstFigures;
  rssBeforeBurst?: number;
  rssAfterBurst?: number;
  scaleOut?: ScaleOutFigures;
  mail?: MailDelayFigures;
  dbDrop?: DbDropFigures;
  sizes?: ReturnType<typeof buildScreens>;
  loginForm?: { median: number; all: number[] };
  wipe?: { median: number; all: number[]; dirty: number };
  /** Phases that threw: each is a failed row. */
  failed?: string[];
}

/** Bare Fastify around one cheap phase (the mean of the runs just before and after it). */
function bareAround(e: EndpointFigures, name: 'otp' | 'home' | 'nonce' | 'floor') {
  const value = e.bareAround?.[name];
  return value ? { label: 'bare Fastify around', value } : undefined;
}

const load = (r: LoadResult) => ({
  value: r.rps,
  unit: 'req/s',
  p50: r.p50,
  p99: r.p99,
  errors: r.errors + r.unexpected,
});
const MB = 2 ** 20;

/**
 * Issue 18: the service's own CPU per login (its process's CPU time over the login phase ÷ the logins
 * it completed) against argon2's CPU per hash, both from CPU time, so the load generator sharing the
 * cores does not move it. A missing measurement is a failed row, not a silent pass.
 */
export function loginCpuRow(
  kind: 'sqlite' | 'postgres',
  db: string,
  e: EndpointFigures,
  argon2: Figures['argon2'],
): Row {
  const c = e.loginCpu;
  const perHash = argon2?.cpuMsPerHash;
  return {
    key: `login-cpu.${kind}`,
    label: `service CPU per login · ${db}`,
    value: c?.msPerLogin ?? NaN,
    unit: 'ms CPU',
    against: perHash ? { label: 'argon2id CPU per hash', value: perHash } : undefined,
    ratio: c && perHash ? c.msPerLogin / perHash : undefined,
    target: { of: 'ratio', op: '<=', limit: 1.15 },
    note: c ? `${c.cpuSeconds.toFixed(1)} s CPU of the service for ${c.logins} logins` : 'not measured',
  };
}

export function endpointRows(f: Figures, s: Settings): Row[] {
  const rows: Row[] = [];
  const limit = f.argon2 ? { label: `argon2id ×${f.argon2.workers} cores`, value: f.argon2.perSecond } : undefined;
  const bare = f.bare ? { label: 'bare Fastify', value: f.bare.rps } : undefined;
  const ratio = (x: number, of?: { value: number }) => (of ? x / of.value : undefined);

  for (const kind of ['sqlite', 'postgres'] as const) {
    const e = f[kind];
    if (!e) continue;
    const db = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    rows.push({
      key: `login.${kind}`,
      label: `password login · ${db}`,
      ...load(e.login),
      against: limit,
      ratio: ratio(e.login.rps, limit),
      target: { of: 'ratio', op: '>=', limit: kind === 'sqlite' ? 0.9 : 0.85 },
    });
    rows.push(loginCpuRow(kind, db, e, f.argon2));
    for (const [name, label] of [
      ['otp', 'OTP check'],
      ['home', 'GET home'],
      ['nonce', 'kiosk nonce'],
    ] as const) {
      const r = e[name];
      if (kind === 'sqlite') {
        const near = bareAround(e, name) ?? bare;
        rows.push({
          key: `${name}.sqlite`,
          label: `${label} · SQLite`,
          ...load(r),
          against: near,
          ratio: ratio(r.rps, near),
          target: { of: 'ratio', op: '>=', limit: 0.5 },
        });
        if (name === 'nonce' && e.floor) {
          // Not judged: it shows how much of the gap to bare Fastify every answer pays (headers, cookies, log line).
          const nearFloor = bareAround(e, 'floor') ?? bare;
          rows.push({
            key: 'floor.sqlite',
            label: 'GET meta (no database): the floor',
            ...load(e.floor),
            against: nearFloor,
            ratio: ratio(e.floor.rps, nearFloor),
          });
        }
      } else {
        // PostgreSQL shares the cores with the service here, so it is compared with SQLite, not judged.
        const sqlite = f.sqlite?.[name];
        const against = sqlite ? { label: 'SQLite', value: sqlite.rps } : undefined;
        rows.push({
          key: `${name}.postgres`,
          label: `${label} · PostgreSQL`,
          ...load(r),
          against,
          ratio: ratio(r.rps, against),
          note: bare ? `vs bare Fastify ${(r.rps / bare.value).toFixed(2)}` : undefined,
        });
      }
    }
  }
  if (f.scaleOut && f.postgres) {
    const one = { label: '1 process', value: f.postgres.login.rps };
    rows.push({
      key: 'scaleout.postgres',
      label: 'login · PostgreSQL, 2 processes',
      ...load(f.scaleOut.two),
      against: one,
      ratio: ratio(f.scaleOut.two.rps, one),
    });
    const l = f.scaleOut.lockout;
    rows.push({
      key: 'scaleout.lockout',
      label: 'lock-out exact during 2-process run',
      value: l.failures,
      unit: 'failures',
      errors: l.exact ? 0 : 1,
      target: { of: 'errors', op: '<=', limit: 0 },
      note: `${l.tries} wrong tries: ${l.answers401}×401, ${l.answers423}×423, ${l.other} other`,
    });
  }
  if (f.mail) {
    const m = f.mail;
    const rate = limit ? `, ${(m.logins.rps / limit.value).toFixed(2)} of the hash limit` : '';
    rows.push({
      key: 'mail.delay',
      label: `OTP mail delay, logins at the hash limit, relay ${RELAY_DELAY_MS} ms/message`,
      value: m.p99,
      unit: 'ms (p99)',
      p50: m.p50,
      p99: m.p99,
      errors: m.queued - m.accepted,
      target: { of: 'value', op: '<=', limit: 5_000 },
      note: `${m.queued} mails from ${m.logins.rps.toFixed(1)} logins/s${rate}; max ${Math.round(m.max)} ms; outbox empty ${m.drainS.toFixed(1)} s after the load; ${m.relayConcurrent} at once at the relay`,
    });
  }
  if (f.dbDrop) {
    const x = f.dbDrop;
    rows.push({
      key: 'db.recover',
      label: `dropped database (PostgreSQL, ${OUTAGE_MS / 1000} s refused) → answering again`,
      value: x.recoverS,
      unit: 's',
      errors: x.outageOther,
      target: { of: 'value', op: '<=', limit: 5 },
      note: `during the outage ${x.outage503}×503 within 3 s, ${x.outageOther} other (500 or slower); slowest ${Math.round(x.outageSlowestMs)} ms`,
    });
  }
  if (f.burst) {
    const ideal = limit ? { label: 'hash-bound s', value: f.burst.terminals / limit.value } : undefined;
    rows.push({
      key: 'burst',
      label: `burst: ${f.burst.terminals} attested kiosk logins`,
      value: f.burst.seconds,
      unit: 's',
      against: ideal,
      ratio: ideal ? ideal.value / f.burst.seconds : undefined,
      p50: f.burst.p50,
      p99: f.burst.p99,
      errors: f.burst.errors,
      target: { of: 'errors', op: '<=', limit: 0 },
    });
  }
  if (f.rssAfterBurst !== undefined) {
    rows.push({
      key: 'rss',
      label: 'service RSS after the burst',
      value: f.rssAfterBurst / MB,
      unit: 'MiB',
      note: `before: ${((f.rssBeforeBurst ?? NaN) / MB).toFixed(0)} MiB`,
    });
  }
  if (f.sizes) {
    rows.push({
      key: 'js',
      label: 'screens JS, login page (gzip -9)',
      value: f.sizes.initialJsGzip / 1000,
      unit: 'kB',
      target: { of: 'value', op: '<=', limit: 40 },
    });
    rows.push({
      key: 'js-all',
      label: 'screens JS, every chunk (+ kiosk, en)',
      value: f.sizes.jsGzip / 1000,
      unit: 'kB',
      note: 'the kiosk loads its shell chunk on top',
    });
    rows.push({ key: 'css', label: 'screens CSS (gzip -9)', value: f.sizes.cssGzip / 1000, unit: 'kB' });
  }
  if (f.loginForm) {
    const sorted = [...f.loginForm.all].sort((a, b) => a - b);
    rows.push({
      key: 'login-form',
      label: `navigation → interactive login (median of ${s.screenRuns})`,
      value: f.loginForm.median,
      unit: 'ms',
      p99: sorted.at(-1),
      target: { of: 'value', op: '<=', limit: 150 },
    });
  }
  if (f.wipe) {
    const sorted = [...f.wipe.all].sort((a, b) => a - b);
    rows.push({
      key: 'wipe',
      label: `idle timeout → clean login (median of ${s.wipeRuns})`,
      value: f.wipe.median,
      unit: 'ms',
      p99: sorted.at(-1),
      errors: f.wipe.dirty,
      target: { of: 'value', op: '<=', limit: 100 },
    });
  }
  for (const failure of f.failed ?? []) {
    rows.push({
      key: 'failed',
      label: `FAILED ${failure.split(':')[0]}`,
      value: NaN,
      unit: '',
      errors: 1,
      target: { of: 'errors', op: '<=', limit: 0 },
      note: failure,
    });
  }
  return rows;
}
