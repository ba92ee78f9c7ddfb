import type { AuditEntry } from '../../src-shared/staff-api/actions.js';
import type { AppDeps } from '../app-deps.js';
import { shownDetail } from './audit-detail.js';
import { auditPage } from './audit-log.repository.js';

/**
 * 監査ログ (IT staff): newest first. `before` is the previous page's `nextBefore` (time and id:
 * events of the same millisecond are neither repeated nor skipped) or an ISO time; `nextBefore`
 * is null on the last page. Each detail only as `shownDetail` allows (never a login ID or a note).
 */
export async function readAuditLog(
  deps: Pick<AppDeps, 'db'>,
  query: { before?: string | undefined; limit: number },
): Promise<{ events: AuditEntry[]; nextBefore: string | null }> {
  const rows = await auditPage(deps.db, {
    before: query.before ? cursorOf(query.before) : null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const events = page.map((r) => ({
    at: new Date(Number(r.at)).toISOString(),
    type: r.type,
    staffId: r.staff_id ?? null,
    staffName: r.name ?? null,
    detail: shownDetail(r.type, r.detail),
  }));
  const last = page.at(-1);
  return { events, nextBefore: rows.length > query.limit && last ? `${Number(last.at)}.${last.id}` : null };
}

/** A cursor `<at>.<id>`, or an ISO time: everything older than its first millisecond. */
function cursorOf(before: string): { at: number; id: string } {
  const m = /^([0-9]+)\.(.+)$/.exec(before);
  return m ? { at: Number(m[1]), id: m[2] ?? '' } : { at: Date.parse(before), id: '' };
}
