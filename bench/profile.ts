import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../src-shared/api/routes.js';
import {
  createEmployers,
  enrollTerminals,
  insertChallenges,
  openBenchDatabase,
  type BenchDatabase,
} from '../test/support/seed.js';
import { webSessionCookie } from './phases/endpoints.js';
import { runLoad } from './lib/load.js';
import { startServiceProcess } from './lib/service-process.js';
import { PASSWORD } from '../test/support/passwords.js';

/**
 * `npx tsx bench/profile.ts <login|otp|home|nonce|meta> [sqlite|postgres] [seconds]`: one load phase against a
 * `mypage serve` started with --cpu-prof; prints the functions with the most self time and
 * where the .cpuprofile is (open it in Chrome DevTools → Performance).
 */
const [phase = 'otp', kind = 'sqlite', secondsArg = '5'] = process.argv.slice(2);
const seconds = Number(secondsArg);
// The load's start and end on the monotonic clock (µs), which the profile's timestamps also use.
const window: [number, number] = [0, 0];
let requests: number;
const dir = mkdtempSync(join(tmpdir(), 'mypage-profile-'));
const d = await openBenchDatabase(kind as BenchDatabase);
const ids = await createEmployers(d.db, 'prof-', 128); // as many as bench/lib/settings.ts: no lock-out
const svc = await startServiceProcess({
  kind: 'serve',
  databaseUrl: d.url,
  logFile: join(dir, 'serve.log'),
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
try {
  let i = 0;
  const challenges = phase === 'otp' ? await insertChallenges(d.db, ids[0] ?? '', 50_000) : [];
  const cookie = phase === 'home' ? await webSessionCookie(svc.url, d.db, ids[1] ?? '') : '';
  const [terminal] = phase === 'nonce' ? await enrollTerminals(d.db, svc.url, 1) : [];
  const path =
    { otp: api.loginOtp.path, home: api.home.path, nonce: api.kioskNonce.path, meta: api.meta.path }[phase] ??
    api.login.path;
  window[0] = Number(process.hrtime.bigint() / 1000n);
  const r = await runLoad({
    url: svc.url + path,
    ...(phase === 'home' ? { headers: { cookie } } : phase === 'meta' ? {} : { method: 'POST' as const }),
    ...(phase === 'nonce' ? { body: { terminalId: terminal?.terminalId } } : {}),
    ...(phase === 'otp' || phase === 'login'
      ? {
          nextBody: () => {
            const n = i++;
            if (phase === 'login') return { id: ids[n % ids.length], password: PASSWORD };
            const c = challenges[n % challenges.length];
            return { challenge: c?.challenge, otp: c?.otp, rememberDevice: false };
          },
        }
      : {}),
    connections: phase === 'login' ? 64 : 32,
    durationS: seconds,
    maxRequests: 50_000,
    expectStatus: 200,
  });
  window[1] = Number(process.hrtime.bigint() / 1000n);
  requests = r.requests;
  console.log(
    `${phase} on ${kind}: ${r.rps.toFixed(1)} req/s, p99 ${r.p99} ms, errors ${r.errors}, unexpected ${r.unexpected} ${JSON.stringify(r.statuses)}`,
  );
} finally {
  await svc.stop();
  await d.drop();
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
};
// Only samples taken during the load count: start-up and set-up are not what is measured.
const hits = new Map<number, number>();
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t >= window[0] && t <= window[1]) hits.set(id, (hits.get(id) ?? 0) + 1);
});
const total = [...hits.values()].reduce((a, b) => a + b, 0);
const self = new Map<string, number>();
for (const n of profile.nodes) {
  const where = n.callFrame.url.replace(/^.*\/(node_modules|work\/main|tmp\/before)\//, '');
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${where}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (hits.get(n.id) ?? 0));
}
for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${key}`);

// Self time by kind of work, and the main thread's busy time per request.
const kindOf = (n: Node): string => {
  const { url, functionName: f } = n.callFrame;
  if (f === '(idle)') return 'idle';
  if (f === '(garbage collector)') return 'garbage collector';
  // pino writes with fs.writeSync (writeString); a bare `writev` is the HTTP socket's.
  if (/pino|sonic-boom|redact/.test(url) || f === 'writeString') return 'logging (pino, write)';
  if (/better-sqlite3|sqlite-driver/.test(url) || /pg\/lib|pg-protocol/.test(url)) return 'database driver';
  if (/kysely/.test(url)) return 'kysely (query building)';
  if (/zod/.test(url)) return 'zod (validation, serialisation)';
  if (/helmet/.test(url)) return 'helmet';
  if (/fastify|find-my-way|avvio|secure-json-parse|cookie/.test(url)) return 'fastify and plugins';
  if (/src-server|src-shared/.test(url)) return 'service code';
  return 'node runtime (http, crypto, …)';
};
const byKind = new Map<string, number>();
for (const n of profile.nodes) byKind.set(kindOf(n), (byKind.get(kindOf(n)) ?? 0) + (hits.get(n.id) ?? 0));
const busy = total - (byKind.get('idle') ?? 0);
console.log('\nself time by kind (share of busy time):');
for (const [k, count] of [...byKind].sort((a, b) => b[1] - a[1]))
  if (k !== 'idle') console.log(`${((100 * count) / busy).toFixed(1).padStart(5)}%  ${k}`);
const sampleMs = (window[1] - window[0]) / 1000 / total;
console.log(
  `main thread busy ${((100 * busy) / total).toFixed(0)}% of the load; ${((busy * sampleMs) / requests).toFixed(2)} ms per request`,
);
console.log(`\nprofile: ${join(dir, file)}`);
