// Applies the SQL migrations in prisma/migrations and records them in
// Prisma's `_prisma_migrations` table and format, so that `prisma migrate
// deploy` can take over wherever Prisma's schema engine can be downloaded.
// Without that download Prisma's migrate commands cannot run, which is why
// the project applies migrations itself.
//
// NOTE: the hand-over to `prisma migrate deploy` is untested, because the
// schema engine is not available where this runner was written.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { runInSession, type SqlExecutor } from "./sql";

export const MIGRATIONS_TABLE = "_prisma_migrations";

/**
 * Advisory lock key taken while migrating. It is the key Prisma Migrate uses
 * on PostgreSQL (prisma-engines, sql-schema-connector), so this runner and
 * `prisma migrate deploy` also exclude each other.
 */
export const MIGRATION_LOCK_KEY = 72707369;

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const LOCK_POLL_INTERVAL_MS = 250;

/** `_prisma_migrations` exactly as Prisma Migrate creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = {
  /** Folder name, such as `20261204000000_init`. */
  name: string;
  /** Contents of the folder's migration.sql. */
  sql: string;
  /** SHA-256 of migration.sql as 64 lowercase hex digits, as Prisma stores it. */
  checksum: string;
};

export type MigrationOptions = {
  /** Folder with one sub-folder per migration. Default: prisma/migrations in the working directory. */
  migrationsDir?: string;
  /** Maximum wait for another process's migration lock, in milliseconds. Default: 60000. */
  lockTimeoutMs?: number;
  /** Receives one line before each migration is applied. */
  log?: (message: string) => void;
};

export type MigrationStatus = {
  /** Migrations in the folder that the database records as applied, in folder order. */
  applied: string[];
  /** Migrations in the folder that are not applied yet, in folder order. */
  pending: string[];
  /** Migrations recorded as started but neither finished nor rolled back. */
  failed: string[];
  /** Applied migrations whose migration.sql changed since it was applied. */
  modified: string[];
  /** Migrations recorded as applied that have no folder in the migrations folder. */
  missingFromFolder: string[];
};

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "MigrationError";
  }
}

type MigrationRecord = {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
  started_at: Date | string;
};

/** Returns the absolute path of prisma/migrations in the working directory. */
export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Computes Prisma's checksum of a migration script. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Reports whether `script` matches a recorded checksum. Like Prisma, this
 * accepts the script with CRLF or LF line endings, because Git may convert
 * them on checkout.
 */
function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [
    script,
    script.replace(/\r\n/g, "\n"),
    script.replace(/\r?\n/g, "\r\n"),
  ];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

/**
 * Reads every `<name>/migration.sql` below `migrationsDir`, sorted by folder
 * name. Files next to the folders, such as migration_lock.toml, are skipped.
 *
 * @throws MigrationError when the folder is missing or a sub-folder has no migration.sql.
 */
export async function readMigrations(
  migrationsDir: string = defaultMigrationsDir(),
): Promise<Migration[]> {
  let entries;
  try {
    // Migrations are read at run time, not bundled.
    entries = await readdir(/*turbopackIgnore: true*/ migrationsDir, {
      withFileTypes: true,
    });
  } catch (error) {
    throw new MigrationError(
      `Could not read the migrations folder ${migrationsDir}: ${errorMessage(error)}. ` +
        "Run the command from the project folder.",
      { cause: error },
    );
  }

  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  const migrations: Migration[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, "migration.sql");
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (error) {
      throw new MigrationError(
        `Could not read ${file}: ${errorMessage(error)}. ` +
          "Every folder in the migrations folder must contain a migration.sql.",
        { cause: error },
      );
    }
    migrations.push({
      name,
      sql: content.toString("utf8"),
      checksum: migrationChecksum(content),
    });
  }
  return migrations;
}

async function migrationsTableExists(executor: SqlExecutor): Promise<boolean> {
  const { rows } = await executor.query<{ exists: boolean }>(
    `SELECT to_regclass('"${MIGRATIONS_TABLE}"') IS NOT NULL AS "exists"`,
  );
  return rows[0]?.exists === true;
}

async function readMigrationRecords(executor: SqlExecutor): Promise<MigrationRecord[]> {
  const { rows } = await executor.query<MigrationRecord>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, started_at
       FROM "${MIGRATIONS_TABLE}"
      ORDER BY started_at, migration_name`,
  );
  return rows;
}

/** Compares the migrations folder with the rows of `_prisma_migrations`. */
function compareMigrations(
  migrations: readonly Migration[],
  records: readonly MigrationRecord[],
): MigrationStatus {
  // Rows marked as rolled back (by `prisma migrate resolve --rolled-back`) are
  // ignored, so their migration counts as pending again.
  const active = records.filter((record) => record.rolled_back_at === null);
  const finished = active.filter((record) => record.finished_at !== null);
  const unfinished = active.filter((record) => record.finished_at === null);
  const localNames = new Set(migrations.map((migration) => migration.name));
  const failedNames = new Set(unfinished.map((record) => record.migration_name));

  const status: MigrationStatus = {
    applied: [],
    pending: [],
    failed: [...failedNames],
    modified: [],
    missingFromFolder: [
      ...new Set(
        finished
          .map((record) => record.migration_name)
          .filter((name) => !localNames.has(name)),
      ),
    ],
  };

  for (const migration of migrations) {
    const rows = finished.filter((record) => record.migration_name === migration.name);
    if (rows.length === 0) {
      if (!failedNames.has(migration.name)) {
        status.pending.push(migration.name);
      }
      continue;
    }
    status.applied.push(migration.name);
    if (!rows.some((record) => scriptMatchesChecksum(migration.sql, record.checksum))) {
      status.modified.push(migration.name);
    }
  }
  return status;
}

/**
 * Returns which migrations the database has applied and which are pending.
 * Writes nothing, so a database without `_prisma_migrations` gets every
 * migration listed as pending.
 */
export async function getMigrationStatus(
  executor: SqlExecutor,
  options: Pick<MigrationOptions, "migrationsDir"> = {},
): Promise<MigrationStatus> {
  const migrations = await readMigrations(options.migrationsDir);
  const records = (await migrationsTableExists(executor))
    ? await readMigrationRecords(executor)
    : [];
  return compareMigrations(migrations, records);
}

/**
 * Applies every pending migration in folder-name order and returns their
 * names (an empty array when the database is up to date).
 *
 * Each migration runs in its own transaction together with its
 * `_prisma_migrations` row (checksum, finished_at, applied_steps_count = 1),
 * so a failing migration leaves no trace and can be fixed and run again.
 * An advisory lock keeps two processes from migrating one database at once.
 *
 * NOTE: statements that PostgreSQL refuses inside a transaction block, such
 * as CREATE INDEX CONCURRENTLY, fail here, and a migration must not contain
 * its own BEGIN or COMMIT.
 *
 * @throws MigrationError when a recorded migration failed, an applied
 *   migration.sql was changed, the lock is not granted within
 *   `lockTimeoutMs`, or a migration fails.
 */
export async function applyMigrations(
  executor: SqlExecutor,
  options: MigrationOptions = {},
): Promise<string[]> {
  const migrations = await readMigrations(options.migrationsDir);
  const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;

  return runInSession(executor, async (session) => {
    await acquireMigrationLock(session, lockTimeoutMs);
    let applied: string[];
    try {
      applied = await applyPendingMigrations(session, migrations, options.log);
    } catch (error) {
      // The original error matters more than a failed unlock, and PostgreSQL
      // drops the lock anyway when the connection closes.
      await releaseMigrationLock(session).catch(() => undefined);
      throw error;
    }
    await releaseMigrationLock(session);
    return applied;
  });
}

async function applyPendingMigrations(
  session: SqlExecutor,
  migrations: readonly Migration[],
  log: MigrationOptions["log"],
): Promise<string[]> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const status = compareMigrations(migrations, await readMigrationRecords(session));
  assertHistoryIsClean(status);

  const applied: string[] = [];
  for (const migration of migrations) {
    if (status.pending.includes(migration.name)) {
      log?.(`Applying migration ${migration.name}`);
      await applyMigration(session, migration);
      applied.push(migration.name);
    }
  }
  return applied;
}

function assertHistoryIsClean(status: MigrationStatus): void {
  const [failed] = status.failed;
  if (failed !== undefined) {
    throw new MigrationError(
      `Migration ${failed} is recorded in ${MIGRATIONS_TABLE} as started but not finished, ` +
        "so it failed or its process was interrupted. No further migration was " +
        "applied. Check the database, undo what the migration changed, then mark the row " +
        `as rolled back (\`UPDATE "${MIGRATIONS_TABLE}" SET rolled_back_at = now() WHERE ` +
        `migration_name = '${failed}' AND finished_at IS NULL\`, or ` +
        `\`prisma migrate resolve --rolled-back ${failed}\`) and run the migrations again.`,
    );
  }

  const [modified] = status.modified;
  if (modified !== undefined) {
    throw new MigrationError(
      `Migration ${modified} was changed after it was applied: its migration.sql no ` +
        `longer matches the checksum recorded in ${MIGRATIONS_TABLE}. No further migration ` +
        "was applied. Restore the applied version of the file and put the change in a new " +
        "migration folder.",
    );
  }
}

async function acquireMigrationLock(
  session: SqlExecutor,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await session.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) AS locked`,
    );
    if (rows[0]?.locked === true) {
      return;
    }
    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Timed out after ${timeoutMs} ms waiting for the migration lock (PostgreSQL ` +
          `advisory lock ${MIGRATION_LOCK_KEY}). Another process is applying migrations ` +
          "to this database. Run the migrations again once it has finished.",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_INTERVAL_MS));
  }
}

async function releaseMigrationLock(session: SqlExecutor): Promise<void> {
  await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
}

async function applyMigration(session: SqlExecutor, migration: Migration): Promise<void> {
  await session.exec("BEGIN");
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "${MIGRATIONS_TABLE}"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK").catch(() => undefined);
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back, so the database is as ` +
        `before it: ${describeDatabaseError(error)}. Fix ` +
        `prisma/migrations/${migration.name}/migration.sql and run the migrations again.`,
      { cause: error },
    );
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Returns a database error's message with PostgreSQL's detail and hint, if any. */
function describeDatabaseError(error: unknown): string {
  const message = errorMessage(error);
  if (typeof error !== "object" || error === null) {
    return message;
  }
  const { detail, hint } = error as { detail?: unknown; hint?: unknown };
  const extras = [detail, hint].filter(
    (value): value is string => typeof value === "string" && value.length > 0,
  );
  return extras.length > 0 ? `${message} (${extras.join(" ")})` : message;
}
