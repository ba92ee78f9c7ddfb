import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { hashPassword } from '../../test/support/seed.js';
import { PASSWORD } from '../../test/support/passwords.js';

/**
 * The hash limit: argon2id verifications per second on every core, one worker thread per core,
 * each verifying one at a time. The hash is made by the service's own `hashPassword` (its
 * ARGON2_PARAMS), and argon2.verify reads the parameters from the hash — nothing is copied here.
 * The worker is plain JavaScript (eval) so it needs no TypeScript loader.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2Path);
(async () => {
  let n = 0;
  const until = Date.now() + workerData.durationMs;
  while (Date.now() < until) {
    if (!(await argon2.verify(workerData.hash, workerData.password))) throw new Error('verify failed');
    n++;
  }
  parentPort.postMessage(n);
})();
`;

export async function measureArgon2Limit(
  durationMs: number,
): Promise<{ perSecond: number; workers: number; verifications: number; seconds: number }> {
  const password = PASSWORD;
  const hash = await hashPassword(password);
  const workers = availableParallelism();
  const argon2Path = createRequire(import.meta.url).resolve('argon2');
  const started = performance.now();
  const counts = await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(WORKER, { eval: true, workerData: { hash, password, durationMs, argon2Path } });
          w.once('message', (n: number) => {
            resolve(n);
            void w.terminate();
          });
          w.once('error', reject);
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const verifications = counts.reduce((a, b) => a + b, 0);
  return { perSecond: verifications / seconds, workers, verifications, seconds };
}
