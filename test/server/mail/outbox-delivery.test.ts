import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { TestClock } from '../../../src-server/clock.js';
import { loadConfig } from '../../../src-server/config.js';
import { openDatabase, type Dialect } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import type { Db } from '../../../src-server/db/schema.js';
import { enqueueMail } from '../../../src-server/mail/mail.service.js';
import { otpMail } from '../../../src-server/mail/mail-templates.js';
import { backoffMs, createOutboxSender, LEASE_MS, type OutboxSender } from '../../../src-server/mail/outbox-sender.js';
import { claimNextOutbox, oldestDueSince, outboxStats } from '../../../src-server/mail/outbox.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../support/smtp-sink.js';
import { freshDatabase } from '../../support/fresh-database.js';

/**
 * The outbox sender against a real SMTP server on loopback: pooled connections and several mails
 * in flight, permanent and temporary refusals, and exactly once with two senders (two instances,
 * each with its own connection pool) on one database.
 */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(database: 'sqlite' | 'postgres', sinkOptions: SmtpSinkOptions = {}) {
  const fresh = await freshDatabase(database);
  cleanups.push(fresh.drop);
  const sink = await startSmtpSink(sinkOptions);
  cleanups.push(() => sink.close());
  const clock = new TestClock();
  const logs: string[] = [];
  const handles: Array<{ db: Db; dialect: Dialect }> = [];
  const open = async () => {
    const h = openDatabase(fresh.url);
    cleanups.push(() => h.db.destroy());
    if (handles.length === 0) await migrateToLatest(h.db);
    handles.push(h);
    return h;
  };
  /** One instance's sender, with its own database connection(s). */
  const sender = async (maxConnections = loadConfig({}).smtpMaxConnections): Promise<OutboxSender> => {
    const h = await open();
    const log = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
    const s = createOutboxSender({
      ...h,
      clock,
      smtpUrl: sink.url,
      from: 'system@example.jp',
      log,
      maxConnections,
      pollMs: 60_000,
    });
    cleanups.push(() => s.stop());
    return s;
  };
  const first = await open();
  const queue = async (to: string[]) => {
    for (const t of to) await enqueueMail(first.db, clock, t, otpMail('123456'));
  };
  const row = (to: string) =>
    first.db.selectFrom('outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
  return { db: first.db, dialect: first.dialect, sink, clock, logs, sender, queue, row };
}

const addresses = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}@example.jp`);
const receivedBy = (sink: SmtpSink, to: string) => sink.received.filter((m) => m.to.includes(to)).length;

describeEachDatabase('outbox delivery', (database) => {
  it(
    'R-LOGIN-2: 60 mails queued for a relay that takes 100 ms each all leave, several at once over pooled connections',
    { timeout: 60_000 },
    async () => {
      const t = await setUp(database, { delayMs: 100 });
      const to = addresses(60, 'slow');
      await t.queue(to);
      const sender = await t.sender();
      await sender.kick();
      expect(t.sink.received).toHaveLength(60);
      for (const a of to) expect(receivedBy(t.sink, a)).toBe(1);
      expect(t.sink.maxConcurrent()).toBeGreaterThan(1);
      const rows = await t.db.selectFrom('outbox').selectAll().execute();
      expect(
        rows.every((r) => r.sent_at !== null && r.body === '' && r.claimed_until === null && r.attempts === 1),
      ).toBe(true);
    },
  );

  it('R-LOGIN-2: a mail the relay refuses for good (550) is recorded as failed with the reason, blanked, and never retried', async () => {
    const t = await setUp(database, {
      refuseRecipient: (to) => (to.startsWith('gone') ? { code: 550, message: 'no such mailbox' } : undefined),
    });
    await t.queue(['gone@example.jp', 'fine@example.jp']);
    const sender = await t.sender();
    await sender.kick();
    const failed = await t.row('gone@example.jp');
    expect(failed).toMatchObject({ sent_at: null, body: '', attempts: 1, claimed_until: null });
    expect(failed.failed_at).toBe(t.clock.now().getTime());
    expect(failed.last_error).toMatch(/550.*no such mailbox/);
    expect(receivedBy(t.sink, 'fine@example.jp')).toBe(1);

    t.clock.advance(24 * 60 * 60_000); // a day later: still not tried again
    await sender.kick();
    expect(await t.row('gone@example.jp')).toMatchObject({ attempts: 1, sent_at: null });
    expect(receivedBy(t.sink, 'gone@example.jp')).toBe(0);
    // /metrics counts it as failed, not waiting; /readyz does not see a stuck outbox in it
    expect(await outboxStats(t.db)).toMatchObject({ unsent: 0, failed: 1, sent: 1, oldestUnsentAt: null });
    expect(await oldestDueSince(t.db, t.clock.now().getTime())).toBeNull();
    const logs = t.logs.join('\n');
    expect(logs).toContain('mail refused for good');
    expect(logs).not.toContain('123456'); // the reason is logged, never the body with its code
  });

  it('R-LOGIN-2: a temporary refusal (450) is retried after its back-off on the clock, then delivered once', async () => {
    let refusals = 1;
    const t = await setUp(database, {
      refuseRecipient: () => (refusals-- > 0 ? { code: 450, message: 'mailbox busy, try later' } : undefined),
    });
    await t.queue(['busy@example.jp']);
    const sender = await t.sender();
    await sender.kick();
    expect(await t.row('busy@example.jp')).toMatchObject({
      attempts: 1,
      sent_at: null,
      failed_at: null,
      last_error: expect.stringMatching(/450/),
    });

    await sender.kick(); // not due yet: the clock has not moved
    expect((await t.row('busy@example.jp')).attempts).toBe(1);

    t.clock.advance(backoffMs(1));
    await sender.kick();
    expect(await t.row('busy@example.jp')).toMatchObject({ attempts: 2, body: '', last_error: null });
    expect(receivedBy(t.sink, 'busy@example.jp')).toBe(1);
  });

  it(
    'R-LOGIN-2: two senders (two instances, own connections) on one database send each of 80 mails exactly once',
    { timeout: 60_000 },
    async () => {
      const t = await setUp(database, { delayMs: 20 });
      const to = addresses(80, 'once');
      await t.queue(to);
      const [a, b] = [await t.sender(), await t.sender()];
      await Promise.all([a.kick(), b.kick()]);
      await Promise.all([a.kick(), b.kick()]); // a second pass finds nothing left to send
      expect(t.sink.received).toHaveLength(80);
      for (const x of to) expect(receivedBy(t.sink, x)).toBe(1);
      const rows = await t.db.selectFrom('outbox').selectAll().execute();
      expect(rows.every((r) => r.sent_at !== null && r.attempts === 1)).toBe(true);
    },
  );

  it('R-LOGIN-2: mail claimed by an instance that died is sent by another once the lease has run out', async () => {
    const t = await setUp(database);
    await t.queue(['orphan@example.jp']);
    // The dead instance claimed the row and never came back.
    const now = t.clock.now().getTime();
    expect(await claimNextOutbox(t.db, t.dialect, now, now + LEASE_MS)).toBeDefined();
    const other = await t.sender();
    await other.kick();
    expect(receivedBy(t.sink, 'orphan@example.jp')).toBe(0);

    t.clock.advance(LEASE_MS);
    await other.kick();
    expect(receivedBy(t.sink, 'orphan@example.jp')).toBe(1);
    expect(await t.row('orphan@example.jp')).toMatchObject({ attempts: 2, body: '' });
  });
});
