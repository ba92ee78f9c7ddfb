/**
 * What the volume bench (bench/lib/volume-*.ts) takes from the service: the database it builds
 * and fills, the tokens its staff sessions and terminals use, and the keys the service derives
 * (求人者検索's normalised name, the failure counts' hour). One reach into src-server, here.
 */
export { companySearchKey } from '../../src-server/accounts/company-search.js';
export { randomId, randomToken, sha256 } from '../../src-server/crypto/tokens.js';
export { openDatabase } from '../../src-server/db/database.js';
export { migrateToLatest } from '../../src-server/db/migrate.js';
export type { Db } from '../../src-server/db/schema.js';
export { HOUR_MS } from '../../src-server/kiosk/attestation-failures.repository.js';
