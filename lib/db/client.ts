// Creates Prisma clients for PostgreSQL (node-postgres) or the embedded PGlite
// database. Free of `server-only` so that scripts and tests can use it.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

import { IN_MEMORY_PGLITE, resolveDatabaseUrl, resolvePgliteDataDir } from "./paths";
import { lockPgliteDataDir } from "./pglite-lock";
import { pgExecutor, pgliteExecutor, type SqlExecutor } from "./sql";

export type DatabaseKind = "postgresql" | "pglite";

export type DatabaseOptions = {
  /** PostgreSQL connection string. Takes precedence over every other setting. */
  databaseUrl?: string;
  /**
   * PGlite data directory, or `memory://` for a database that is discarded on
   * close. Used when `databaseUrl` is not given, even if DATABASE_URL is set.
   */
  pgliteDataDir?: string;
};

export type DatabaseTarget =
  { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

/** An open database: a Prisma client plus raw SQL access for migrations. */
export type OpenDatabase = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Raw SQL access to the same database, for `applyMigrations`. */
  executor: SqlExecutor;
  /** Disconnects Prisma, then closes the connection pool or PGlite. */
  close(): Promise<void>;
};

/**
 * Chooses the database: `options.databaseUrl`, else PGlite at
 * `options.pgliteDataDir`, else DATABASE_URL, else PGlite at the default data
 * directory that `resolvePgliteDataDir` returns (normally `.data/pglite`).
 */
export function resolveDatabaseTarget(
  options: DatabaseOptions = {},
  env: Record<string, string | undefined> = process.env,
): DatabaseTarget {
  const url = options.databaseUrl?.trim();
  if (url) {
    return { kind: "postgresql", url };
  }
  if (options.pgliteDataDir) {
    return { kind: "pglite", dataDir: options.pgliteDataDir };
  }
  const envUrl = resolveDatabaseUrl(env);
  if (envUrl) {
    return { kind: "postgresql", url: envUrl };
  }
  return { kind: "pglite", dataDir: resolvePgliteDataDir(env) };
}

type PgliteHandle = { pglite: PGlite; release: () => void };

function openPglite(dataDir: string): PgliteHandle {
  // NOTE: PGlite 0.4 lets two processes open one data directory and then
  // silently loses the writes of one of them (measured: rows inserted by the
  // process that closed first were gone). The lock file below makes a second
  // process fail instead, so stop `npm run dev` before `npm run db:migrate`.
  if (dataDir.startsWith(IN_MEMORY_PGLITE)) {
    return { pglite: new PGlite(dataDir), release: () => {} };
  }
  const release = lockPgliteDataDir(dataDir);
  try {
    return { pglite: new PGlite(dataDir), release };
  } catch (error) {
    release();
    throw error;
  }
}

function createPostgresPool(url: string): pg.Pool {
  // NOTE: node-postgres ignores a `?schema=` parameter in the URL, so the
  // migrations and Prisma use the schema from the role's search_path.
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection that the server closes emits "error" on the pool.
  // Without a listener that event would end the process. The pool replaces
  // the connection on its own.
  pool.on("error", (error) => {
    logger.error({ err: error }, "PostgreSQL connection error on an idle connection");
  });
  return pool;
}

/**
 * Creates a Prisma client for `resolveDatabaseTarget(options)`. PGlite is
 * opened here and stays open until the process exits, so use `openDatabase`
 * when the caller must close it again.
 */
export function createPrismaClient(options: DatabaseOptions = {}): PrismaClient {
  const target = resolveDatabaseTarget(options);
  if (target.kind === "postgresql") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  }
  const { pglite } = openPglite(target.dataDir);
  return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
}

/**
 * Opens the database chosen by `resolveDatabaseTarget(options)` and runs a
 * first query to check the connection. The Prisma client and the executor share one connection pool
 * (PostgreSQL) or one PGlite instance.
 *
 * @throws when the server cannot be reached, or the PGlite directory is
 *   locked by another process or cannot be opened.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  const target = resolveDatabaseTarget(options);
  return target.kind === "postgresql"
    ? openPostgres(target.url)
    : openPgliteDatabase(target.dataDir);
}

async function openPostgres(url: string): Promise<OpenDatabase> {
  const pool = createPostgresPool(url);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not connect to PostgreSQL at ${describePostgresUrl(url)}: ${reason}. ` +
        "Check DATABASE_URL and that the server is running.",
      { cause: error },
    );
  }

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgresql",
    prisma,
    executor: pgExecutor(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPgliteDatabase(dataDir: string): Promise<OpenDatabase> {
  const { pglite, release } = openPglite(dataDir);
  try {
    await pglite.waitReady;
  } catch (error) {
    release();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the PGlite database in ${dataDir}: ${reason}`, {
      cause: error,
    });
  }

  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    executor: pgliteExecutor(pglite),
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/** Returns the URL's host, port and database name, without credentials. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "an invalid URL (DATABASE_URL must look like postgresql://user@host:5432/database)";
  }
}
