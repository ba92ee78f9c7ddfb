import type { TestClock } from '../../../src-server/clock.js';
import { loadConfig } from '../../../src-server/config.js';
import { composeService } from '../../../src-server/service.js';

/** One service instance on `url` with its own connection pool, mail left in the outbox. */
export async function serviceOn(url: string, clock: TestClock) {
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
  const { app, db, close } = await composeService(config, { clock });
  return { app, db, close };
}
