import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Db } from '../../src-server/db/schema.js';

/** One executed statement: its SQL text (parameters apart), every table it names, the rows it returned or changed. */
export interface RecordedStatement {
  sql: string;
  tables: string[];
  rows: number;
}

/**
 * Records the work one operation gives the database, for "known and unknown IDs do the same work"
 * tests: not only as many statements (statement-count.ts), but the same SQL text, the same tables
 * and the same number of rows returned or changed by each — an UPDATE that touches one row for a
 * known ID and a thousand for an unknown one is a timing channel with equal statement counts.
 * Transactions opened on the recorded `db` inherit the plugin.
 *
 *   const recorder = recordStatements(svc.db);
 *   const work = await recorder.during(() => requestPasswordReset({ ...deps, db: recorder.db }, input));
 */
export function recordStatements(db: Db): {
  db: Db;
  during(run: () => Promise<unknown>): Promise<RecordedStatement[]>;
} {
  const pending = new Map<unknown, Omit<RecordedStatement, 'rows'>>();
  let recorded: RecordedStatement[] | undefined;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      // Compiling runs no plugin: the text is exactly what the driver is sent.
      const { sql } = db.getExecutor().compileQuery(args.node, args.queryId);
      pending.set(args.queryId, { sql, tables: tablesOf(args.node) });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const statement = pending.get(args.queryId);
      pending.delete(args.queryId);
      const rows = args.result.rows.length || Number(args.result.numAffectedRows ?? 0);
      if (recorded && statement) recorded.push({ ...statement, rows });
      return args.result;
    },
  };
  return {
    db: db.withPlugin(plugin),
    async during(run) {
      recorded = [];
      try {
        await run();
        return recorded;
      } finally {
        recorded = undefined;
      }
    },
  };
}

/** Every table a statement names (FROM, INTO, UPDATE, joins, subqueries), sorted, once each. */
function tablesOf(root: OperationNode): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const node = value as { kind?: string; table?: { identifier?: { name?: string } } };
    if (node.kind === 'TableNode' && node.table?.identifier?.name) found.add(node.table.identifier.name);
    Object.values(node).forEach(walk);
  };
  walk(root);
  return [...found].sort();
}
