/**
 * Do known and unknown IDs take the same time? (issue 20: "known and unknown IDs take the same time
 * on every surface on both databases"). Interleaved samples — a known and an unknown ID one after
 * the other, in random order — on login (wrong password), password reset, re-registration (wrong
 * password) and the ID change (a taken vs a free address), on SQLite and PostgreSQL; prints the
 * medians and their ratio (unknown / known; the target is within 10 %). A measurement, not a test:
 * on a busy machine the figures are noise, so run it on a quiet one.
 *
 *   npx tsx bench/timing-channels.ts [samples per arm, default 60] [sqlite|postgres …]
 *
 * TIMING_SMTP=0 runs the service without SMTP (mail stays in the outbox): the difference between the
 * two runs is what delivering a known ID's mail — right after its request, in the same process —
 * costs the request that comes next (docs/security.md, "Equal statements are not equal work").
 *
 * Each ID is used at most four times (below every five-a-time bound, R-LOGIN-3 and R-PW-7), in
 * both arms alike, so both stay on the same path (a try counted, a key mailed).
 */
import { randomUUID } from 'node:crypto';
import { api } from '../src-shared/api/routes.js';
import type { TestDatabase } from '../test/support/databases.js';
import { skipReason } from '../test/support/databases.js';
import type { TestClient } from '../test/support/http-client.js';
import { PASSWORD } from '../test/support/passwords.js';
import { startTestService, type TestService } from '../test/support/service-harness.js';
import { median } from './lib/login-ready.js';

const USES_PER_ID = 4;
const WRONG = 'Wrong-Password1';

type Sample = (which: 'known' | 'unknown', i: number) => Promise<void>;
interface Surface {
  name: string;
  prepare(svc: TestService, samples: number): Promise<Sample>;
}

const fresh = (tag: string) => `${tag}-${randomUUID().slice(0, 12)}@timing.example.jp`;

async function employers(svc: TestService, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await svc.employer()).id);
  return out;
}

/** `n` IDs for the unknown arm, each used as often as a known one. */
const unknownIds = (tag: string, n: number) => Array.from({ length: n }, () => fresh(tag));

async function expectStatus(p: Promise<Response>, ...ok: number[]): Promise<void> {
  const res = await p;
  await res.arrayBuffer();
  if (!ok.includes(res.status)) throw new Error(`unexpected ${res.status} from ${res.url}`);
}

const post = (svc: TestService, path: string, body: unknown) =>
  fetch(svc.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: svc.url },
    body: JSON.stringify(body),
  });

const surfaces: Surface[] = [
  {
    name: 'login (wrong password)',
    async prepare(svc, samples) {
      const ids = { known: await employers(svc, samples / USES_PER_ID), unknown: unknownIds('login', samples) };
      return (which, i) =>
        expectStatus(post(svc, api.login.path, { id: ids[which][Math.floor(i / USES_PER_ID)], password: WRONG }), 401);
    },
  },
  {
    name: 'password reset',
    async prepare(svc, samples) {
      const ids = { known: await employers(svc, samples / USES_PER_ID), unknown: unknownIds('reset', samples) };
      return (which, i) =>
        expectStatus(post(svc, api.passwordReset.path, { id: ids[which][Math.floor(i / USES_PER_ID)] }), 202);
    },
  },
  {
    name: 're-registration (wrong password)',
    async prepare(svc, samples) {
      const known = await employers(svc, samples / USES_PER_ID);
      for (const id of known) {
        const res = await (await svc.as(id)).post(api.withdraw.path, { password: PASSWORD });
        if (res.status !== 204) throw new Error(`withdraw answered ${res.status}`);
      }
      const ids = { known, unknown: unknownIds('rereg', samples) };
      return (which, i) =>
        expectStatus(
          post(svc, api.reregistration.path, { id: ids[which][Math.floor(i / USES_PER_ID)], password: WRONG }),
          401,
        );
    },
  },
  {
    name: 'ID change (taken vs free address)',
    async prepare(svc, samples) {
      // Two requests of each session per pair: four of its five ID-change mails an hour (R-PW-7).
      const askers = await employers(svc, Math.ceil(samples / 2));
      const clients: TestClient[] = [];
      for (const id of askers) clients.push(await svc.as(id));
      const taken = await employers(svc, samples / USES_PER_ID);
      return async (which, i) => {
        const client = clients[Math.floor(i / 2)]!;
        const newId = which === 'known' ? taken[Math.floor(i / USES_PER_ID)]! : fresh('free');
        const res = await client.post(api.emailChange.path, { newId, password: PASSWORD });
        if (res.status !== 202) throw new Error(`ID change answered ${res.status}`);
      };
    },
  },
];

async function measure(svc: TestService, surface: Surface, samples: number) {
  const sample = await surface.prepare(svc, samples);
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < samples; i++) {
    const order: Array<'known' | 'unknown'> = Math.random() < 0.5 ? ['known', 'unknown'] : ['unknown', 'known'];
    for (const which of order) {
      const t0 = performance.now();
      await sample(which, i);
      times[which].push(performance.now() - t0);
    }
  }
  const known = median(times.known);
  const unknown = median(times.unknown);
  return { known, unknown, ratio: unknown / known };
}

async function main() {
  const args = process.argv.slice(2);
  const samples = Math.max(
    USES_PER_ID,
    Math.ceil(Number(args.find((a) => /^\d+$/.test(a)) ?? 60) / USES_PER_ID) * USES_PER_ID,
  );
  const chosen = args.filter((a): a is TestDatabase => a === 'sqlite' || a === 'postgres');
  const dbs: TestDatabase[] = chosen.length ? chosen : ['sqlite', 'postgres'];
  // --only=<part of a surface's name> measures one surface.
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  for (const database of dbs) {
    const reason = skipReason(database);
    if (reason) {
      console.log(`${database}: skipped (${reason})`);
      continue;
    }
    for (const surface of surfaces.filter((s) => !only || s.name.includes(only))) {
      // A service of its own per surface: one surface's rows never weigh on another's.
      const svc = await startTestService({ database, smtp: process.env.TIMING_SMTP !== '0' });
      try {
        const r = await measure(svc, surface, samples);
        const line = `${database.padEnd(8)} ${surface.name.padEnd(36)} known ${r.known.toFixed(2).padStart(8)} ms  unknown ${r.unknown.toFixed(2).padStart(8)} ms  ratio ${r.ratio.toFixed(3)}${Math.abs(r.ratio - 1) > 0.1 ? '  (over 10 %)' : ''}`;
        console.log(line);
      } finally {
        await svc.close();
      }
    }
  }
  console.log(`\n${samples} interleaved samples per arm; medians; ratio = unknown / known (target 0.90–1.10)`);
}

await main();
