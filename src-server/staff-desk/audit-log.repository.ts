import type { Executor } from '../db/schema.js';

/** One page of the audit log, newest first, strictly before the cursor (`at`, then `id`, so equal times never skip a row). */
export function auditPage(db: Executor, input: { before: { at: number; id: string } | null; limit: number }) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('staff_members', 'staff_members.id', 'audit_events.staff_member_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.type',
      'audit_events.detail',
      'staff_members.staff_id',
      'staff_members.name',
    ])
    .orderBy('audit_events.at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(input.limit);
  const before = input.before;
  // `at <=` repeats what the `or` says so that both databases start the index range there; with the
  // `or` alone PostgreSQL walked the (at) index from the newest row down to the cursor (docs/performance.md).
  if (before)
    q = q
      .where('audit_events.at', '<=', before.at)
      .where((eb) =>
        eb.or([
          eb('audit_events.at', '<', before.at),
          eb.and([eb('audit_events.at', '=', before.at), eb('audit_events.id', '<', before.id)]),
        ]),
      );
  return q.execute();
}
