import { api } from '../../src-shared/api/routes.js';
import { signFor, type FakeKiosk } from '../../test/support/kiosk-keys.js';
import { PASSWORD } from '../../test/support/passwords.js';

export interface BurstFigures {
  terminals: number;
  p50: number;
  p99: number;
  errors: number;
  /** From the first request sent to the last answer. */
  seconds: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Monday morning: every terminal at once fetches a nonce, signs it like src-main/core/terminal
 * does, and logs in with its attestation (no OTP). A login counts as an error unless it ends in
 * an authenticated kiosk session. Latency is per terminal, nonce and login together.
 */
export async function terminalBurst(url: string, terminals: FakeKiosk[], ids: string[]): Promise<BurstFigures> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const started = performance.now();
  const outcomes = await Promise.all(
    terminals.map(async (k, i) => {
      const t0 = performance.now();
      try {
        const nonce = await post(api.kioskNonce.path, { terminalId: k.terminalId });
        if (nonce.status !== 200) return { ms: performance.now() - t0, ok: false };
        const n = String(nonce.body.nonce);
        const id = ids[i % ids.length]!;
        const attestation = {
          terminalId: k.terminalId,
          nonce: n,
          signature: signFor(k, n, { purpose: 'login', loginId: id }),
        };
        const login = await post(api.login.path, { id, password: PASSWORD, attestation });
        const ok = login.status === 200 && login.body.status === 'authenticated' && login.body.kind === 'kiosk';
        return { ms: performance.now() - t0, ok };
      } catch {
        return { ms: performance.now() - t0, ok: false };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    terminals: terminals.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: outcomes.filter((o) => !o.ok).length,
    seconds,
  };
}
