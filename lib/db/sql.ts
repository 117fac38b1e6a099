// A minimal raw-SQL interface shared by node-postgres and PGlite, used by the
// migration runner and by tests that inspect the database catalog.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type SqlRow = Record<string, unknown>;

/** Raw SQL access to one database, with `$1`-style parameters. */
export interface SqlExecutor {
  /** Runs one statement and returns its rows. */
  query<Row extends object = SqlRow>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[] }>;
  /** Runs a script of one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `task` on one connection held for the whole call. Executors that
   * are a single connection already may leave this out. Session state, such
   * as an open transaction or an advisory lock, only carries from one
   * statement to the next inside such a session.
   */
  withSession?<T>(task: (session: SqlExecutor) => Promise<T>): Promise<T>;
}

/** Runs `task` on a single connection of `executor`. */
export function runInSession<T>(
  executor: SqlExecutor,
  task: (session: SqlExecutor) => Promise<T>,
): Promise<T> {
  return executor.withSession ? executor.withSession(task) : task(executor);
}

/**
 * Wraps an embedded PGlite database. PGlite runs every statement on its one
 * connection, so the executor is a session by itself.
 */
export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  return {
    async query<Row extends object = SqlRow>(sql: string, params?: readonly unknown[]) {
      const result = await pglite.query<Row>(sql, params ? [...params] : undefined);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
  };
}

/**
 * Wraps a node-postgres pool or client. A pool hands each statement to any of
 * its connections, so code that needs one session goes through `withSession`.
 */
export function pgExecutor(target: pg.Pool | pg.ClientBase): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row extends object = SqlRow>(sql: string, params?: readonly unknown[]) {
      const result = await target.query<Row & pg.QueryResultRow>(
        sql,
        params ? [...params] : undefined,
      );
      return { rows: result.rows };
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple query protocol,
      // which accepts several statements in one string.
      await target.query(sql);
    },
  };

  if (target instanceof pg.Pool) {
    const pool = target;
    executor.withSession = async (task) => {
      const client = await pool.connect();
      try {
        const result = await task(pgExecutor(client));
        client.release();
        return result;
      } catch (error) {
        // Destroy the connection so no transaction or advisory lock outlives
        // a failed task.
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    };
  }
  return executor;
}
