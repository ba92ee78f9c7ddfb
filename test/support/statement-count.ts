import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Db } from '../../src-server/db/schema.js';

/** One executed statement: its kind and its first table (`select login_failures`, `raw`). */
export type StatementShape = string;

/**
 * Counts the statements one operation sends to the database, for "known and unknown IDs cannot be
 * told apart" tests: on PostgreSQL each statement is a round trip, so a path with one more
 * statement answers measurably later. A Kysely plugin: `transformQuery` sees every query built
 * (query builders and `sql` templates alike) and `transformResult` runs once per executed one.
 * Transactions opened on the counted `db` inherit the plugin.
 *
 *   const counter = countStatements(svc.db);
 *   const n = await counter.during(() => login({ ...deps, db: counter.db }, input));
 */
export function countStatements(db: Db): { db: Db; during(run: () => Promise<unknown>): Promise<StatementShape[]> } {
  const pending = new Map<unknown, StatementShape>();
  let executed: StatementShape[] | undefined;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      pending.set(args.queryId, shapeOf(args.node));
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const shape = pending.get(args.queryId);
      pending.delete(args.queryId);
      if (executed && shape) executed.push(shape);
      return args.result;
    },
  };
  const counted = db.withPlugin(plugin);
  return {
    db: counted,
    async during(run) {
      executed = [];
      try {
        await run();
        return executed;
      } finally {
        executed = undefined;
      }
    },
  };
}

function shapeOf(node: RootOperationNode): StatementShape {
  const n = node as unknown as {
    kind: string;
    from?: { froms?: Array<{ table?: { identifier?: { name?: string } } }> };
    into?: { table?: { identifier?: { name?: string } } };
    table?: { table?: { identifier?: { name?: string } } };
  };
  const table =
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.into?.table?.identifier?.name ??
    n.table?.table?.identifier?.name ??
    '';
  return `${n.kind.replace(/QueryNode$|Node$/, '').toLowerCase()} ${table}`.trim();
}
