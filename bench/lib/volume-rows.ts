import type { VolumeDbFigures, VolumeFigures, VolumeSetFigures } from '../phases/volume.js';
import type { LoadResult } from './load.js';
import type { Row } from './report.js';

/** Issue 18: employer and kiosk paths on the big set keep this share of their rate on the empty one. */
export const VOLUME_RATE_RATIO = 0.9;
/** Every staff page's p99 on the big set, by database (at 1,000,000 employers on PostgreSQL, 100,000 on SQLite). */
export const STAFF_P99_MS = { postgres: 100, sqlite: 50 } as const;
export const HEARTBEAT_P99_MS = 50;
/** No login waits longer than its p99 without the sweep plus this while the backlog is cleared. */
export const SWEEP_EXTRA_MS = 250;

const RATE_PATHS = [
  ['login', 'password login'],
  ['otp', 'OTP check'],
  ['home', 'GET home'],
  ['heartbeat', 'kiosk heartbeat (nonce + signed beat)'],
] as const;
const STAFF_PAGES = [
  ['searchName', '求人者検索, part of a name'],
  ['searchId', '求人者検索, an exact ID'],
  ['history', '操作履歴'],
  ['kiosks', '端末一覧'],
  ['audit', '監査ログ, first page'],
  ['auditStaff', '監査ログ, 職員の操作 (partial index)'],
] as const;

const failures = (r: LoadResult) => r.errors + r.unexpected;
const n = (x: number) => x.toLocaleString('en-US');

function dbRows(kind: 'sqlite' | 'postgres', v: VolumeDbFigures, scale: number): Row[] {
  const db = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const where = `${db} ${n(v.sizes.accounts)} employers`;
  const smoke = scale < 1 ? ` (BENCH_VOLUME_SCALE=${scale}: smaller than the target's set)` : '';
  const rows: Row[] = [];
  const set = (name: keyof VolumeSetFigures) => [v.big[name], v.empty[name]] as const;
  for (const [key, label] of RATE_PATHS) {
    const [big, empty] = set(key);
    rows.push({
      key: `volume.${key}.${kind}`,
      label: `volume: ${label} · ${where}`,
      value: big.rps,
      unit: 'req/s',
      against: { label: 'empty set', value: empty.rps },
      ratio: big.rps / empty.rps,
      target: { of: 'ratio', op: '>=', limit: VOLUME_RATE_RATIO },
      p50: big.p50,
      p99: big.p99,
      errors: failures(big) + failures(empty),
      note: `empty set p50 ${empty.p50.toFixed(1)} ms, p99 ${empty.p99.toFixed(1)} ms${smoke}`,
    });
  }
  for (const [key, label] of STAFF_PAGES) {
    const [big, empty] = set(key);
    rows.push({
      key: `volume.${key}.${kind}`,
      label: `volume: ${label} · ${where}`,
      value: big.p99,
      unit: 'ms (p99)',
      against: { label: 'empty set p99', value: empty.p99 },
      ratio: big.p99 / empty.p99,
      target: { of: 'value', op: '<=', limit: STAFF_P99_MS[kind] },
      p50: big.p50,
      p99: big.p99,
      errors: failures(big) + failures(empty),
      note: `${big.requests} requests by 2 clients${smoke}`,
    });
  }
  if (v.fleet) {
    const f = v.fleet;
    rows.push({
      key: `volume.fleet-alone.${kind}`,
      label: `volume: ${n(Math.round(f.perSecond * 60))} terminals' heartbeats (${f.perSecond.toFixed(0)}/s), 2 instances, alone`,
      value: f.heartbeatsAlone.p99,
      unit: 'ms (p99)',
      target: { of: 'value', op: '<=', limit: HEARTBEAT_P99_MS },
      p50: f.heartbeatsAlone.p50,
      p99: f.heartbeatsAlone.p99,
      errors: failures(f.heartbeatsAlone),
      note: `${f.heartbeatsAlone.requests} beats, max ${f.heartbeatsAlone.max.toFixed(0)} ms`,
    });
    rows.push({
      key: `volume.fleet.${kind}`,
      label: `volume: ${n(Math.round(f.perSecond * 60))} terminals' heartbeats (${f.perSecond.toFixed(0)}/s), 2 instances, logins running`,
      value: f.heartbeats.p99,
      unit: 'ms (p99)',
      target: { of: 'value', op: '<=', limit: HEARTBEAT_P99_MS },
      p50: f.heartbeats.p50,
      p99: f.heartbeats.p99,
      errors: failures(f.heartbeats),
      note: `${f.heartbeats.requests} beats, max ${f.heartbeats.max.toFixed(0)} ms`,
    });
    rows.push({
      key: `volume.fleet-logins.${kind}`,
      label: `volume: login p99 with the fleet's heartbeats (steady logins, 2 instances)`,
      value: f.loginsWithHeartbeats.p99,
      unit: 'ms (p99)',
      against: { label: 'without', value: f.loginsAlone.p99 },
      ratio: f.loginsWithHeartbeats.p99 / f.loginsAlone.p99,
      p50: f.loginsWithHeartbeats.p50,
      p99: f.loginsWithHeartbeats.p99,
      errors: failures(f.loginsWithHeartbeats) + failures(f.loginsAlone),
      note: `not judged (the beats' CPU shares the cores); without: p50 ${f.loginsAlone.p50.toFixed(0)} ms, ${f.loginsAlone.rps.toFixed(1)}/s; with: ${f.loginsWithHeartbeats.rps.toFixed(1)}/s`,
    });
  }
  if (v.backlog) {
    const b = v.backlog;
    const extra = b.during.max - b.without.p99;
    rows.push({
      key: `volume.backlog.${kind}`,
      label: `volume: slowest login while the sweep clears ${n(b.rows)} expired audit rows · ${db}`,
      value: extra,
      unit: 'ms over p99 without',
      against: { label: 'p99 without', value: b.without.p99 },
      target: { of: 'value', op: '<=', limit: SWEEP_EXTRA_MS },
      p50: b.during.p50,
      p99: b.during.p99,
      errors: failures(b.during) + (b.sweepExit === 0 ? 0 : 1),
      note: `slowest ${b.during.max.toFixed(0)} ms; sweep exit ${b.sweepExit}; ${b.sweepOutput.split('\n').at(-1) ?? ''}`,
    });
    rows.push({
      key: `volume.backlog-time.${kind}`,
      label: `volume: time to clear the backlog (mypage sweep) · ${db}`,
      value: b.sweepSeconds,
      unit: 's',
      note: `process ${b.processSeconds.toFixed(1)} s; backlog inserted in ${b.insertSeconds.toFixed(0)} s`,
    });
  }
  rows.push({
    key: `volume.dataset.${kind}`,
    label: `volume: the ${db} set (${n(v.sizes.audit)} audit rows) ${v.dataset.built ? 'built in this run' : 'reused'}`,
    value: v.dataset.buildSeconds,
    unit: 's to build',
    note: `copied for this run in ${v.dataset.copySeconds.toFixed(0)} s`,
  });
  return rows;
}

export function volumeRows(v: VolumeFigures | undefined): Row[] {
  if (!v) return [];
  return (['sqlite', 'postgres'] as const).flatMap((k) => {
    const x = v[k];
    return x ? dbRows(k, x, v.scale) : [];
  });
}
