// Fresh, migrated databases for tests: PGlite in memory by default, or a new
// PostgreSQL database per call when TEST_DATABASE_URL is set.
//
// TEST_DATABASE_URL points at a server where tests may create and drop
// databases, for example postgresql://postgres@127.0.0.1:5432/postgres. Each
// call creates `hibob_<label>_<random hex>` there and drops it on close.
import { randomBytes } from "node:crypto";

import pg from "pg";

import { openDatabase, type DatabaseKind, type OpenDatabase } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { IN_MEMORY_PGLITE } from "@/lib/db/paths";
import { pgExecutor, type SqlExecutor } from "@/lib/db/sql";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TestDatabase = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  executor: SqlExecutor;
  /** Connection string of the database; PostgreSQL only. */
  url?: string;
  /** Closes the clients and, on PostgreSQL, drops the database. */
  close(): Promise<void>;
};

export type TestDatabaseOptions = {
  /** Default: "postgresql" when TEST_DATABASE_URL is set, else "pglite". */
  kind?: DatabaseKind;
  /** Applies prisma/migrations. Default: true. */
  migrate?: boolean;
  /** Part of the PostgreSQL database name, to tell test runs apart. Default: "test". */
  label?: string;
};

/** A PostgreSQL database created for one test run. */
export type TestPostgresDatabase = {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
};

/** Returns TEST_DATABASE_URL, or undefined when it is unset or blank. */
export function testPostgresServerUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? url : undefined;
}

/** A database kind to run a test suite on, with the reason when it is skipped. */
export type TestDatabaseTarget = {
  kind: DatabaseKind;
  title: string;
  skipReason?: string;
};

/**
 * Returns PGlite, which always runs, and PostgreSQL, which is skipped with a
 * reason in its title unless TEST_DATABASE_URL is set.
 */
export function testDatabaseTargets(): TestDatabaseTarget[] {
  const postgres: TestDatabaseTarget = testPostgresServerUrl()
    ? { kind: "postgresql", title: "PostgreSQL" }
    : {
        kind: "postgresql",
        title: "PostgreSQL (skipped: TEST_DATABASE_URL is not set)",
        skipReason: "TEST_DATABASE_URL is not set",
      };
  return [{ kind: "pglite", title: "PGlite" }, postgres];
}

function requireServerUrl(): string {
  const url = testPostgresServerUrl();
  if (!url) {
    throw new Error(
      "TEST_DATABASE_URL is not set. Set it to a PostgreSQL server where tests may " +
        "create databases, for example postgresql://postgres@127.0.0.1:5432/postgres.",
    );
  }
  return url;
}

function databaseName(label: string): string {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return `hibob_${safeLabel}_${randomBytes(6).toString("hex")}`;
}

function urlWithDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServerClient<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requireServerUrl() });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database on the TEST_DATABASE_URL server. */
export async function createEmptyPostgresDatabase(
  label = "test",
): Promise<TestPostgresDatabase> {
  const serverUrl = requireServerUrl();
  const name = databaseName(label);
  await withServerClient((client) => client.query(`CREATE DATABASE "${name}"`));

  let dropped = false;
  return {
    name,
    url: urlWithDatabase(serverUrl, name),
    async drop() {
      if (dropped) {
        return;
      }
      dropped = true;
      await withServerClient((client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

/**
 * Creates a PostgreSQL database with every migration applied and no client
 * left open, for processes started by the test (such as the app server).
 */
export async function createTestPostgresDatabase(
  label = "test",
): Promise<TestPostgresDatabase> {
  const database = await createEmptyPostgresDatabase(label);
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await applyMigrations(pgExecutor(client));
    } finally {
      await client.end();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * Opens a fresh database with Prisma and raw SQL access. PGlite runs in
 * memory; PostgreSQL gets a new database on the TEST_DATABASE_URL server.
 */
export async function createTestDatabase(
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const kind = options.kind ?? (testPostgresServerUrl() ? "postgresql" : "pglite");
  const migrate = options.migrate ?? true;

  if (kind === "pglite") {
    const database = await openDatabase({ pgliteDataDir: IN_MEMORY_PGLITE });
    await migrateOrClose(database, migrate, () => database.close());
    return {
      kind,
      prisma: database.prisma,
      executor: database.executor,
      close: () => database.close(),
    };
  }

  const created = await createEmptyPostgresDatabase(options.label ?? "test");
  let database: OpenDatabase;
  try {
    database = await openDatabase({ databaseUrl: created.url });
  } catch (error) {
    await created.drop();
    throw error;
  }
  const close = async () => {
    try {
      await database.close();
    } finally {
      await created.drop();
    }
  };
  await migrateOrClose(database, migrate, close);
  return {
    kind,
    prisma: database.prisma,
    executor: database.executor,
    url: created.url,
    close,
  };
}

async function migrateOrClose(
  database: OpenDatabase,
  migrate: boolean,
  close: () => Promise<void>,
): Promise<void> {
  if (!migrate) {
    return;
  }
  try {
    await applyMigrations(database.executor);
  } catch (error) {
    await close();
    throw error;
  }
}
