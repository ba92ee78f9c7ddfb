import autocannon from 'autocannon';
import { api } from '../../src-shared/api/routes.js';
import { randomId, randomToken, sha256, type Db } from '../../test/support/volume-service.js';
import { signFor } from '../../test/support/kiosk-keys.js';
import { PASSWORD } from '../../test/support/passwords.js';
import type { LoadResult } from './load.js';
import { isWithdrawn } from './volume-table-accounts.js';
import { machineIdHashOf, terminalIdOf, terminalPrivateKey } from './volume-table-terminals.js';

/** A steady login load: a few clients, paced (loginsUntil's `rate`), so latency is the service's, not a queue's. */
export const STEADY_LOGIN_CLIENTS = 8;
/**
 * The pace of a steady load: this share of the password-login rate the same set reached (the
 * argon2-bound limit of the run). Back to back, logins alone fill both cores and whatever runs
 * beside them measures the CPU's queue, not locks or stalls.
 */
export const STEADY_LOGIN_SHARE = 0.5;

/** The employers the load signs in with: 128 spread over the set, none withdrawn; the first is the one staff look up. */
function spread(accounts: number, n: number): number[] {
  return Array.from({ length: Math.min(n, accounts - 1) }, (_, j) => {
    const k = 1 + Math.floor((j * (accounts - 1)) / n);
    return isWithdrawn(k) ? k + 1 : k;
  });
}

/**
 * The employers a load signs in with. Slot 0: 128 spread over the set (the rates; its first is the
 * one staff look up). Each login mails an OTP and R-OTP-8 allows an account 10 an hour, so a
 * phase that logs in for long takes a slot of its own — accounts `k ≡ slot (mod 3)` other than
 * slot 0's — and never meets a budget another phase spent: every login is a real one (200), not
 * a fast 429.
 */
export function benchEmployers(accounts: number, n = 128, slot = 0): number[] {
  if (slot === 0) return spread(accounts, n);
  const taken = new Set(spread(accounts, 128));
  const candidates = Math.floor((accounts - 1 - slot) / 3);
  const count = Math.min(n, candidates);
  const out: number[] = [];
  for (let j = 0; j < count; j++) {
    const k = 1 + slot + 3 * Math.floor((j * candidates) / count);
    const live = isWithdrawn(k) ? k + 3 : k; // the same class mod 3
    if (live <= accounts && !taken.has(live)) out.push(live);
  }
  return out;
}

/** How many accounts a steady phase needs: its logins over R-OTP-8's 10 mails an account an hour, twice over. */
export const steadyEmployers = (rate: number, seconds: number) => Math.ceil((rate * seconds) / 5) + 16;

/** A load's figures with its slowest answer (a stall shows there first). */
export type TimedLoad = LoadResult & { max: number };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summarise(latencies: number[], errors: number, unexpected: number, seconds: number): TimedLoad {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    requests: latencies.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    errors,
    unexpected,
    statuses: {},
    seconds,
  };
}

/**
 * A staff member and a live session made in the database, as a passkey sign-in leaves them
 * (src-server/staff: token SHA-256 at rest); the cookie under both names the staff app may use.
 */
export async function staffCookie(db: Db, role: 'office' | 'it', officeId: string | null): Promise<string> {
  const id = randomId();
  const now = Date.now();
  await db
    .insertInto('staff_members')
    .values({
      id,
      staff_id: `S${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      name: `ベンチ 職員 ${role}`,
      role,
      office_id: officeId,
      webauthn_user_id: randomToken(),
      created_at: now,
      disabled_at: null,
    })
    .execute();
  const token = randomToken();
  await db
    .insertInto('staff_sessions')
    .values({
      id: randomId(),
      token_hash: sha256(token),
      staff_member_id: id,
      created_at: now,
      last_seen_at: now,
      expires_at: now + 8 * 3_600_000,
      revoked_at: null,
    })
    .execute();
  return `mypage_staff=${token}; __Host-mypage_staff=${token}`;
}

/** One kiosk heartbeat as a terminal sends it: a nonce, then the signed heartbeat (R-KIOSK-7). */
export async function heartbeat(url: string, t: number): Promise<number> {
  const terminalId = terminalIdOf(t);
  const post = (path: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const n = await post(api.kioskNonce.path, { terminalId });
  if (n.status !== 200) return n.status;
  const { nonce } = (await n.json()) as { nonce: string };
  const signature = signFor({ terminalId, machineIdHash: machineIdHashOf(t), privateKey: terminalPrivateKey }, nonce, {
    purpose: 'heartbeat',
  });
  const h = await post(api.kioskHeartbeat.path, {
    terminalId,
    version: '1.4.0',
    nonce,
    signature,
    paintedAt: new Date().toISOString(),
  });
  await h.arrayBuffer();
  return h.status;
}

/** `workers` terminals beating back to back (closed loop) over `terminals` terminals: the heartbeat path's rate. */
export async function runHeartbeats(
  url: string,
  terminals: number,
  o: { workers: number; durationS: number; max: number },
): Promise<TimedLoad> {
  const latencies: number[] = [];
  let errors = 0;
  let unexpected = 0;
  let next = 0;
  const started = performance.now();
  const until = started + o.durationS * 1000;
  await Promise.all(
    Array.from({ length: o.workers }, async () => {
      while (performance.now() < until && latencies.length + errors + unexpected < o.max) {
        const t0 = performance.now();
        try {
          const status = await heartbeat(url, 1 + (next++ % terminals));
          if (status === 204) latencies.push(performance.now() - t0);
          else unexpected++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarise(latencies, errors, unexpected, (performance.now() - started) / 1000);
}

/**
 * A fleet's heartbeats at a fixed rate (open loop: each on its schedule, however slow the last),
 * spread over `urls` in turn, until `stop` resolves.
 */
export async function pacedHeartbeats(
  urls: string[],
  terminals: number,
  perSecond: number,
  stop: Promise<unknown>,
): Promise<TimedLoad> {
  const latencies: number[] = [];
  let errors = 0;
  let unexpected = 0;
  let stopped = false;
  void stop.then(() => (stopped = true));
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (!stopped) {
    // Every beat that is due is sent now, however late this turn of the loop came: the offered
    // rate holds even when the load generator itself is starved of CPU.
    const due = Math.floor(((performance.now() - started) * perSecond) / 1000) + 1;
    for (; sent < due; sent++) {
      const n = sent;
      const t0 = performance.now();
      inFlight.push(
        heartbeat(urls[n % urls.length] ?? '', 1 + (n % terminals)).then(
          (status) => (status === 204 ? void latencies.push(performance.now() - t0) : void unexpected++),
          () => void errors++,
        ),
      );
    }
    const next = (sent * 1000) / perSecond - (performance.now() - started);
    await new Promise((r) => setTimeout(r, Math.max(1, next)));
  }
  await Promise.all(inFlight);
  return summarise(latencies, errors, unexpected, (performance.now() - started) / 1000);
}

/**
 * Password logins (right password: 200 and an OTP mailed) over `ids` by `connections` clients until
 * `stop` resolves or `maxS` passes; `rate` (logins a second over all `urls`) makes it a steady load
 * rather than back to back, so what is measured beside it is not starved of CPU by argon2 alone.
 */
export async function loginsUntil(
  urls: string[],
  ids: string[],
  connections: number,
  stop: Promise<unknown>,
  maxS: number,
  rate?: number,
): Promise<TimedLoad> {
  let i = 0;
  const runs = urls.map(
    (url) =>
      new Promise<autocannon.Result & { unexpected: number }>((resolve, reject) => {
        let unexpected = 0;
        const instance = autocannon(
          {
            url: url + api.login.path,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            connections: Math.max(1, Math.round(connections / urls.length)),
            ...(rate ? { overallRate: Math.max(1, rate / urls.length) } : {}),
            pipelining: 1,
            duration: maxS,
            timeout: 60,
            requests: [
              {
                setupRequest: (req: autocannon.Request) => ({
                  ...req,
                  body: JSON.stringify({ id: ids[i++ % ids.length], password: PASSWORD }),
                }),
              },
            ],
          },
          (err: unknown, r: autocannon.Result) =>
            err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve({ ...r, unexpected }),
        );
        instance.on('response', (_c, status) => {
          if (status !== 200) unexpected++;
        });
        void stop.then(() => instance.stop());
      }),
  );
  const all = await Promise.all(runs);
  return {
    rps: all.reduce((a, r) => a + r.requests.total / r.duration, 0),
    requests: all.reduce((a, r) => a + r.requests.total, 0),
    p50: Math.max(...all.map((r) => r.latency.p50)),
    p99: Math.max(...all.map((r) => r.latency.p99)),
    max: Math.max(...all.map((r) => r.latency.max)),
    errors: all.reduce((a, r) => a + r.errors, 0),
    unexpected: all.reduce((a, r) => a + r.unexpected, 0),
    statuses: {},
    seconds: Math.max(...all.map((r) => r.duration)),
  };
}
