import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { DAY_MS, I, lit, pad, spread, type TableFill } from './volume-sql.js';

/**
 * Every generated terminal holds the same Ed25519 key (from a fixed seed), so the bench can sign
 * its heartbeats; each has its own machine-ID hash, so no two look like a cloned image.
 */
const SEED = Buffer.alloc(32, 7);
export const terminalPrivateKey: KeyObject = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]),
  format: 'der',
  type: 'pkcs8',
});
const PUBLIC_KEY = createPublicKey(terminalPrivateKey).export({ type: 'spki', format: 'der' }).toString('base64');

export const terminalIdOf = (t: number) => `t${String(t).padStart(5, '0')}`;
export const machineIdHashOf = (t: number) => `m${String(t).padStart(8, '0')}`;

export const terminalsFill: TableFill = {
  table: 'kiosk_terminals',
  rows: (s) => s.terminals,
  columns: (c) => ({
    id: `'t' || ${pad(c, I, 5)}`,
    office_id: `'o' || ${pad(c, `1 + (${I} - 1) % ${c.sizes.offices}`, 3)}`,
    label: `'窓口端末 ' || ${I}`,
    public_key: lit(PUBLIC_KEY),
    machine_id_hash: `'m' || ${pad(c, I, 8)}`,
    version: `'1.4.' || (${I} % 3)`,
    enrolled_at: `${c.now} - ${spread(I, 700)} * ${DAY_MS}`,
    last_seen_at: `${c.now} - ${spread(I, 60)} * 1000`,
    painted_at: `${c.now} - ${spread(I, 60)} * 1000`,
  }),
};
