import type { AuditKind } from '../../src-shared/staff-api/audit-kinds.js';
import type { AuditEntry } from '../../src-shared/staff-api/actions.js';
import type { AppDeps } from '../app-deps.js';
import { shownDetail } from './audit-detail.js';
import { auditPage, terminalNames } from './audit-log.repository.js';

/**
 * 監査ログ (IT staff): newest first, of one kind (職員の操作, 求人者の操作, 端末の記録) and one staff
 * member when asked — filtered in SQL, each kind through its own index. `before` is the previous
 * page's `nextBefore` (time and id: events of the same millisecond are neither repeated nor
 * skipped) or an ISO time; `nextBefore` is null on the last page. Each detail only as `shownDetail`
 * allows (never a login ID or a note); a terminal the page names is named by its 端末名 and 安定所.
 */
export async function readAuditLog(
  deps: Pick<AppDeps, 'db'>,
  query: { before?: string | undefined; limit: number; kind?: AuditKind | undefined; staffId?: string | undefined },
): Promise<{ events: AuditEntry[]; nextBefore: string | null }> {
  const rows = await auditPage(deps.db, {
    before: query.before ? cursorOf(query.before) : null,
    limit: query.limit + 1,
    kind: query.kind,
    staffId: query.staffId,
  });
  const page = rows.slice(0, query.limit);
  const details = page.map((r) => shownDetail(r.type, r.detail));
  const ids = [...new Set(details.flatMap((d) => (typeof d['terminalId'] === 'string' ? [d['terminalId']] : [])))];
  const names = new Map((await terminalNames(deps.db, ids)).map((t) => [t.id, t]));
  const events = page.map((r, i) => ({
    at: new Date(Number(r.at)).toISOString(),
    type: r.type,
    staffId: r.staff_id ?? null,
    staffName: r.name ?? null,
    detail: named(details[i] ?? {}, names),
  }));
  const last = page.at(-1);
  return { events, nextBefore: rows.length > query.limit && last ? `${Number(last.at)}.${last.id}` : null };
}

/** A detail naming a known terminal gets its 端末名 and 安定所 first (an event that has its own keeps them). */
function named(detail: AuditEntry['detail'], names: Map<string, { label: string; office: string }>) {
  const terminal = typeof detail['terminalId'] === 'string' ? names.get(detail['terminalId']) : undefined;
  return terminal ? { label: terminal.label, office: terminal.office, ...detail } : detail;
}

/** A cursor `<at>.<id>`, or an ISO time: everything older than its first millisecond. */
function cursorOf(before: string): { at: number; id: string } {
  const m = /^([0-9]+)\.(.+)$/.exec(before);
  return m ? { at: Number(m[1]), id: m[2] ?? '' } : { at: Date.parse(before), id: '' };
}
