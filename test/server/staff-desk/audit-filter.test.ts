import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordAudit } from '../../../src-server/audit/audit.repository.js';
import { auditPageQuery, type AuditPageInput } from '../../../src-server/staff-desk/audit-log.repository.js';
import type { Executor } from '../../../src-server/db/schema.js';
import { describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { enrollKiosk } from '../kiosk/kiosk-helpers.js';
import { IIDABASHI, paths } from './desk-helpers.js';

type Entry = { at: string; type: string; staffId: string | null; detail: Record<string, unknown> };

describeEachDatabase('staff console: 監査ログ filtered by kind and by staff member, in SQL', (database) => {
  let svc: TestService;
  let a: StaffSession;
  let b: StaffSession;
  let rows: Array<{ type: string; staff_member_id: string | null }>;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    a = await signInStaff(svc, { role: 'it', name: '情報 一郎' });
    b = await signInStaff(svc, { role: 'it', name: '情報 二郎' });
    const k = await enrollKiosk(svc, { label: '受付横 1' });
    await svc.as(await svc.employer());
    const revoked = await a.client.post(paths.revoke(k.terminalId), {
      stepUp: await a.stepUp({ action: 'revoke_kiosk', target: k.terminalId }),
    });
    expect(revoked.status).toBe(204);
    // Many rows of each kind in ONE millisecond: pages must neither repeat nor skip any.
    const member = await svc.db
      .selectFrom('staff_members')
      .select('id')
      .where('staff_id', '=', b.staffId)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 12; i++) {
      await recordAudit(svc.db, svc.clock, { type: 'staff.unlocked', staffMemberId: member.id, detail: { i } });
      await recordAudit(svc.db, svc.clock, { type: 'kiosk.offline_reported', detail: { offlineMs: 1000 * i } });
      await recordAudit(svc.db, svc.clock, { type: 'password.failed', detail: { surface: 'login', i } });
    }
    rows = await svc.db.selectFrom('audit_events').select(['type', 'staff_member_id']).execute();
  });
  afterAll(() => svc.close());

  /** Every page of a query (7 rows a page), in order. */
  async function wholeLog(query: string): Promise<Entry[]> {
    const seen: Entry[] = [];
    let before: string | null = null;
    do {
      const page: { status: number; body: { events: Entry[]; nextBefore: string | null } } = await a.client.get<{
        events: Entry[];
        nextBefore: string | null;
      }>(paths.audit(`?limit=7${query}${before ? `&before=${encodeURIComponent(before)}` : ''}`));
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.events);
      before = page.body.nextBefore;
    } while (before);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    return seen;
  }

  const count = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).length;
  const isStaff = (t: string) => t.startsWith('staff.');
  const isKiosk = (t: string) => t.startsWith('kiosk.');

  it('職員の操作, 求人者の操作, 端末の記録: each page only its kind, every row of it once', async () => {
    const staff = await wholeLog('&kind=staff');
    expect(staff.every((e) => isStaff(e.type))).toBe(true);
    expect(staff).toHaveLength(count((r) => isStaff(r.type)));
    expect(staff.map((e) => e.type)).toEqual(expect.arrayContaining(['staff.login', 'staff.kiosk_revoked']));

    const kiosk = await wholeLog('&kind=kiosk');
    expect(kiosk.every((e) => isKiosk(e.type))).toBe(true);
    expect(kiosk).toHaveLength(count((r) => isKiosk(r.type)));

    const employer = await wholeLog('&kind=employer');
    expect(employer.some((e) => isStaff(e.type) || isKiosk(e.type))).toBe(false);
    expect(employer).toHaveLength(count((r) => !isStaff(r.type) && !isKiosk(r.type)));
    expect(employer.map((e) => e.type)).toContain('login.succeeded');

    expect(await wholeLog('')).toHaveLength(rows.length);
  });

  it('one staff member: only what they did, their staff ID typed in any width or case; an unknown ID matches nothing', async () => {
    const typed = b.staffId.toLowerCase().replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const theirs = await wholeLog(`&kind=staff&staffId=${encodeURIComponent(typed)}`);
    expect(theirs.length).toBeGreaterThan(12);
    expect(theirs.every((e) => e.staffId === b.staffId)).toBe(true);
    const member = await svc.db
      .selectFrom('staff_members')
      .select('id')
      .where('staff_id', '=', b.staffId)
      .executeTakeFirstOrThrow();
    expect(theirs).toHaveLength(count((r) => r.staff_member_id === member.id));
    expect(await wholeLog('&staffId=S0000000')).toEqual([]);
    for (const bad of ['&kind=everything', '&staffId=', `&staffId=${'S'.repeat(40)}`])
      expect((await a.client.get(paths.audit(`?limit=7${bad}`))).body, bad).toMatchObject({ error: 'invalid_request' });
  });

  it('a terminal an event names is shown by its 端末名 and 安定所, in words the console has', async () => {
    const staff = await wholeLog('&kind=staff');
    expect(staff.find((e) => e.type === 'staff.kiosk_revoked')?.detail).toMatchObject({
      label: '受付横 1',
      office: IIDABASHI,
      terminalId: expect.any(String),
    });
    const kiosk = await wholeLog('&kind=kiosk');
    expect(kiosk.find((e) => e.type === 'kiosk.revoked')?.detail).toMatchObject({
      label: '受付横 1',
      office: IIDABASHI,
    });
  });

  it('each filter reads a range of its own index, newest first, never the whole log or a sort of it', async () => {
    const plans: Array<[AuditPageInput, RegExp]> = [
      [{ before: null, limit: 51, kind: 'staff' }, /audit_events_staff\b/],
      [{ before: { at: Date.now(), id: 'x' }, limit: 51, kind: 'kiosk' }, /audit_events_kiosk\b/],
      [{ before: null, limit: 51, kind: 'employer' }, /audit_events_at\b/],
      [{ before: null, limit: 51, staffId: b.staffId }, /audit_events_staff_member\b/],
      [
        { before: { at: Date.now(), id: 'x' }, limit: 51, kind: 'staff', staffId: b.staffId },
        /audit_events_staff_member\b/,
      ],
    ];
    for (const [input, index] of plans) {
      const plan = await explain(database, svc.db, input);
      expect(plan, JSON.stringify(input)).toMatch(index);
      // a sort of a few rows of equal time is fine (the right part of the order, PostgreSQL's incremental sort)
      if (database === 'sqlite') expect(plan, JSON.stringify(input)).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
      else expect(plan, JSON.stringify(input)).not.toMatch(/Seq Scan on audit_events|(^|->)\s*Sort\s+\(cost/m);
    }
  });
});

/**
 * The plan of one page's statement. PostgreSQL would rather scan and sort a test's small table
 * whole: with sequential and bitmap scans and full sorts off it shows whether the index CAN serve
 * the query (its predicate and order match), which is what breaks when the query and the migration
 * drift apart. (An incremental sort of the rows of one millisecond stays allowed.)
 */
async function explain(database: TestDatabase, db: Executor, input: AuditPageInput): Promise<string> {
  const q = auditPageQuery(db, input).compile();
  if (database === 'sqlite') {
    const r = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
    );
    return r.rows.map((row) => row.detail).join('\n');
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
    );
    return r.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
