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
import { kioskAttestationVerifier } from '../../src-server/kiosk/attestation.service.js';
import type { TestService } from './service-harness.js';

/** One executed statement: its kind and its first table (`select login_failures`, `raw`). */
export type StatementShape = string;

/** One executed statement in full: its shape, the SQL sent, every table it names, the rows it read or wrote. */
export interface RecordedStatement {
  /** `select accounts`, `insert audit_events ×2` (rows in one INSERT), `begin`, `commit`, `rollback`. */
  shape: StatementShape;
  /** The SQL text (parameters apart); the shape for begin/commit/rollback. */
  sql: string;
  /** Every table it names (FROM, INTO, UPDATE, joins, subqueries), sorted, once each. */
  tables: string[];
  /** Rows returned (a SELECT, a RETURNING) or else rows written; 0 for begin/commit. */
  rows: number;
}

/** What one operation sent: every statement, and the totals a pin compares. */
export interface StatementTrace {
  statements: RecordedStatement[];
  /** The statements without the transaction markers: what the database was asked to do. */
  queries: RecordedStatement[];
  /** Shapes of `queries` (what `during` returns). */
  shapes: StatementShape[];
  /** `select accounts → 1`: shape and rows, the "same rows read and written" of equal work. */
  work: string[];
  /** Explicit transactions (BEGIN … COMMIT) opened. */
  transactions: number;
  /** Messages to the database: on PostgreSQL each statement, BEGIN and COMMIT is one round trip. */
  roundTrips: number;
}

/**
 * Records the statements one operation sends to the database, for "known and unknown IDs cannot be
 * told apart" tests and for the pins of what a login, an OTP check or a home read costs: on
 * PostgreSQL each statement is a round trip, so a path with one more statement answers measurably
 * later. Equal counts are not equal work, so each statement comes with its SQL text, the tables it
 * names and the rows it returned or changed (an UPDATE that touches one row for a known ID and a
 * thousand for an unknown one is a timing channel with equal statement counts). A Kysely plugin: `transformQuery` sees every query built (query builders and `sql`
 * templates alike) and `transformResult` runs once per executed one. Transactions opened on the
 * counted `db` inherit the plugin; `db.transaction()` is wrapped to record BEGIN and COMMIT, which
 * the driver sends past the plugins.
 *
 *   const recorder = recordStatements(svc.db);
 *   const shapes = await recorder.during(() => login({ ...deps, db: recorder.db }, input));
 *   const { work, roundTrips, queries } = await recorder.trace(() => login({ ...deps, db: recorder.db }, input));
 */
export function recordStatements(db: Db): {
  db: Db;
  during(run: () => Promise<unknown>): Promise<StatementShape[]>;
  trace(run: () => Promise<unknown>): Promise<StatementTrace>;
} {
  const pending = new Map<unknown, Omit<RecordedStatement, 'rows'>>();
  let executed: RecordedStatement[] | undefined;
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      // The uncounted executor compiles the same node to the SQL text the driver is sent.
      const sql = executor.compileQuery(args.node, args.queryId).sql;
      pending.set(args.queryId, { shape: shapeOf(args.node), sql, tables: tablesOf(args.node) });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const seen = pending.get(args.queryId);
      pending.delete(args.queryId);
      if (executed && seen) executed.push({ ...seen, rows: rowsOf(args.result) });
      return args.result;
    },
  };
  const counted = withTransactionMarkers(db.withPlugin(plugin), (shape) =>
    executed?.push({ shape, sql: shape, tables: [], rows: 0 }),
  );
  const trace = async (run: () => Promise<unknown>): Promise<StatementTrace> => {
    executed = [];
    try {
      await run();
      const statements = executed;
      const markers = new Set(['begin', 'commit', 'rollback']);
      const queries = statements.filter((s) => !markers.has(s.shape));
      return {
        statements,
        queries,
        shapes: queries.map((s) => s.shape),
        work: queries.map((s) => `${s.shape} → ${s.rows}`),
        transactions: statements.filter((s) => s.shape === 'begin').length,
        roundTrips: statements.length,
      };
    } finally {
      executed = undefined;
    }
  };
  return { db: counted, trace, during: async (run) => (await trace(run)).shapes };
}

/**
 * A recorder on the test service's database, and the deps a service function takes with it: the
 * service's clock and kiosk verifier, and a mail kick that does nothing (the harness's sender polls).
 *
 *   const { recorder, deps } = recordedDeps(svc);
 *   const shapes = await recorder.during(() => login(deps, input));
 */
export function recordedDeps(svc: Pick<TestService, 'db' | 'clock'>) {
  const recorder = recordStatements(svc.db);
  const deps = {
    db: recorder.db,
    clock: svc.clock,
    attestationVerifier: kioskAttestationVerifier,
    mailQueued: () => undefined,
  };
  return { recorder, deps };
}

/** The counted db, whose `transaction().execute(fn)` records `begin` and `commit` (or `rollback`). */
function withTransactionMarkers(db: Db, mark: (shape: StatementShape) => void): Db {
  type Builder = ReturnType<Db['transaction']>;
  const wrap = (builder: Builder): Builder =>
    new Proxy(builder, {
      get(target, prop) {
        // Kysely's classes keep their state in #private fields: methods run on the target, not the proxy.
        const value: unknown = Reflect.get(target, prop);
        if (prop === 'execute')
          return async (fn: Parameters<Builder['execute']>[0]) => {
            mark('begin');
            try {
              const out: unknown = await target.execute(fn);
              mark('commit');
              return out;
            } catch (err) {
              mark('rollback');
              throw err;
            }
          };
        if (typeof value === 'function')
          return (...args: unknown[]) => {
            const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
            return out && typeof out === 'object' && 'execute' in out ? wrap(out as Builder) : out;
          };
        return value;
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') return () => wrap(target.transaction());
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function rowsOf(result: QueryResult<UnknownRow>): number {
  if (result.rows.length > 0 || result.numAffectedRows === undefined) return result.rows.length;
  return Number(result.numAffectedRows);
}

function shapeOf(node: RootOperationNode): StatementShape {
  const n = node as unknown as {
    kind: string;
    from?: { froms?: Array<{ table?: { identifier?: { name?: string } } }> };
    into?: { table?: { identifier?: { name?: string } } };
    table?: { table?: { identifier?: { name?: string } } };
    values?: { values?: unknown[] };
  };
  const table =
    n.from?.froms?.[0]?.table?.identifier?.name ??
    n.into?.table?.identifier?.name ??
    n.table?.table?.identifier?.name ??
    '';
  const many =
    n.kind === 'InsertQueryNode' && (n.values?.values?.length ?? 1) > 1 ? ` ×${n.values?.values?.length}` : '';
  return `${n.kind.replace(/QueryNode$|Node$/, '').toLowerCase()} ${table}`.trim() + many;
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
