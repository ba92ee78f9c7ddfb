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
  // One verification to warm up (module, memory), then wait for the start: the CPU time of the
  // process is read between every worker's start and end.
  await argon2.verify(workerData.hash, workerData.password);
  parentPort.postMessage('ready');
  await new Promise((resolve) => parentPort.once('message', resolve));
  let n = 0;
  const until = Date.now() + workerData.durationMs;
  while (Date.now() < until) {
    if (!(await argon2.verify(workerData.hash, workerData.password))) throw new Error('verify failed');
    n++;
  }
  parentPort.postMessage(n);
})();
`;

/**
 * The limit, and the CPU time one verification takes (`cpuMsPerHash`: the process's user + system
 * time over the measurement, every worker thread included, ÷ verifications): what the service's
 * own CPU per login is compared with, robust against other work on the cores.
 */
export async function measureArgon2Limit(durationMs: number): Promise<{
  perSecond: number;
  workers: number;
  verifications: number;
  seconds: number;
  cpuMsPerHash: number;
}> {
  const password = PASSWORD;
  const hash = await hashPassword(password);
  const workers = availableParallelism();
  const argon2Path = createRequire(import.meta.url).resolve('argon2');
  const started = Array.from({ length: workers }, () => {
    const w = new Worker(WORKER, { eval: true, workerData: { hash, password, durationMs, argon2Path } });
    const ready = new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
    return { w, ready };
  });
  await Promise.all(started.map((s) => s.ready));
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const counts = await Promise.all(
    started.map(
      ({ w }) =>
        new Promise<number>((resolve, reject) => {
          w.once('message', (n: number) => {
            resolve(n);
            void w.terminate();
          });
          w.once('error', reject);
          w.postMessage('go');
        }),
    ),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - t0) / 1000;
  const verifications = counts.reduce((a, b) => a + b, 0);
  return {
    perSecond: verifications / seconds,
    workers,
    verifications,
    seconds,
    cpuMsPerHash: (cpu.user + cpu.system) / 1000 / Math.max(verifications, 1),
  };
}
