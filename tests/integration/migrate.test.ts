// The migration runner, the append-only audit table and Prisma Client on both
// database adapters: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  MIGRATION_LOCK_KEY,
  MigrationError,
  applyMigrations,
  defaultMigrationsDir,
  getMigrationStatus,
  readMigrations,
} from "@/lib/db/migrate";
import { pgExecutor } from "@/lib/db/sql";

import {
  createTestDatabase,
  testDatabaseTargets,
  type TestDatabase,
} from "../support/database";

const MIGRATIONS_DIR = defaultMigrationsDir();

/** Copies prisma/migrations to a temporary folder that a test may change. */
function copyMigrations(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "hibob-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function migrationNames(): Promise<string[]> {
  return (await readMigrations(MIGRATIONS_DIR)).map((migration) => migration.name);
}

test("migrations folder has the init migration and lock file", async () => {
  const names = await migrationNames();
  expect(names.length).toBeGreaterThan(0);
  expect(names[0]).toMatch(/^\d{14}_init$/);
  expect(
    readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8"),
  ).toContain('provider = "postgresql"');
});

for (const target of testDatabaseTargets()) {
  describe.skipIf(target.skipReason !== undefined)(
    `migrations on ${target.title}`,
    () => {
      let database: TestDatabase;

      beforeAll(async () => {
        database = await createTestDatabase({
          kind: target.kind,
          migrate: false,
          label: "migrate",
        });
      });

      afterAll(async () => {
        await database?.close();
      });

      test("runner applies once, then is idempotent", async () => {
        const names = await migrationNames();
        expect(await getMigrationStatus(database.executor)).toMatchObject({
          applied: [],
          pending: names,
        });

        const started = performance.now();
        const firstRun = await applyMigrations(database.executor);
        const elapsedMs = Math.round(performance.now() - started);
        console.warn(
          `${target.title}: applied ${firstRun.length} migration(s) in ${elapsedMs} ms`,
        );

        expect(firstRun).toEqual(names);
        expect(await applyMigrations(database.executor)).toEqual([]);
        expect(await getMigrationStatus(database.executor)).toEqual({
          applied: names,
          pending: [],
          failed: [],
          modified: [],
          missingFromFolder: [],
        });
      });

      test("_prisma_migrations has Prisma's columns", async () => {
        const { rows } = await database.executor.query<{
          column_name: string;
          data_type: string;
          character_maximum_length: number | null;
          is_nullable: string;
          column_default: string | null;
        }>(
          `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'
          ORDER BY ordinal_position`,
        );
        expect(rows).toEqual([
          {
            column_name: "id",
            data_type: "character varying",
            character_maximum_length: 36,
            is_nullable: "NO",
            column_default: null,
          },
          {
            column_name: "checksum",
            data_type: "character varying",
            character_maximum_length: 64,
            is_nullable: "NO",
            column_default: null,
          },
          {
            column_name: "finished_at",
            data_type: "timestamp with time zone",
            character_maximum_length: null,
            is_nullable: "YES",
            column_default: null,
          },
          {
            column_name: "migration_name",
            data_type: "character varying",
            character_maximum_length: 255,
            is_nullable: "NO",
            column_default: null,
          },
          {
            column_name: "logs",
            data_type: "text",
            character_maximum_length: null,
            is_nullable: "YES",
            column_default: null,
          },
          {
            column_name: "rolled_back_at",
            data_type: "timestamp with time zone",
            character_maximum_length: null,
            is_nullable: "YES",
            column_default: null,
          },
          {
            column_name: "started_at",
            data_type: "timestamp with time zone",
            character_maximum_length: null,
            is_nullable: "NO",
            column_default: "now()",
          },
          {
            column_name: "applied_steps_count",
            data_type: "integer",
            character_maximum_length: null,
            is_nullable: "NO",
            column_default: "0",
          },
        ]);

        const primaryKey = await database.executor.query<{ columns: string[] }>(
          `SELECT ARRAY(SELECT a.attname::text FROM pg_attribute a
                        WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) AS columns
           FROM pg_constraint c
          WHERE c.conrelid = '"_prisma_migrations"'::regclass AND c.contype = 'p'`,
        );
        expect(primaryKey.rows).toEqual([{ columns: ["id"] }]);
      });

      test("_prisma_migrations row has the file's sha256", async () => {
        const [name] = await migrationNames();
        const file = readFileSync(path.join(MIGRATIONS_DIR, `${name}/migration.sql`));
        const checksum = createHash("sha256").update(file).digest("hex");

        const { rows } = await database.executor.query<{
          id: string;
          checksum: string;
          finished_at: Date | null;
          logs: string | null;
          rolled_back_at: Date | null;
          started_at: Date;
          applied_steps_count: number;
        }>(`SELECT * FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);

        expect(rows).toHaveLength(1);
        const [row] = rows;
        expect(row?.checksum).toBe(checksum);
        expect(row?.id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(row?.finished_at).toBeInstanceOf(Date);
        expect(row?.started_at).toBeInstanceOf(Date);
        expect(row?.logs).toBeNull();
        expect(row?.rolled_back_at).toBeNull();
        expect(row?.applied_steps_count).toBe(1);
      });

      test("changed migration file is rejected", async () => {
        const copy = copyMigrations();
        try {
          const [name] = await migrationNames();
          const file = path.join(copy.dir, `${name}/migration.sql`);
          writeFileSync(
            file,
            `${readFileSync(file, "utf8")}\n-- edited after it was applied\n`,
          );

          const run = applyMigrations(database.executor, { migrationsDir: copy.dir });
          await expect(run).rejects.toBeInstanceOf(MigrationError);
          await expect(
            applyMigrations(database.executor, { migrationsDir: copy.dir }),
          ).rejects.toThrow(`Migration ${name} was changed after it was applied`);
          expect(
            (await getMigrationStatus(database.executor, { migrationsDir: copy.dir }))
              .modified,
          ).toEqual([name]);
        } finally {
          copy.remove();
        }
      });

      test("CRLF line endings match the checksum", async () => {
        const copy = copyMigrations();
        try {
          const [name] = await migrationNames();
          const file = path.join(copy.dir, `${name}/migration.sql`);
          writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));

          expect(
            await applyMigrations(database.executor, { migrationsDir: copy.dir }),
          ).toEqual([]);
        } finally {
          copy.remove();
        }
      });

      test("unfinished migration row blocks the runner", async () => {
        const name = "20000101000000_interrupted";
        await database.executor.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
         VALUES ($1, $2, $3, now())`,
          [randomUUID(), "0".repeat(64), name],
        );
        try {
          await expect(applyMigrations(database.executor)).rejects.toThrow(
            `Migration ${name} is recorded in _prisma_migrations as started but not finished`,
          );
          expect((await getMigrationStatus(database.executor)).failed).toEqual([name]);

          await database.executor.query(
            `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`,
            [name],
          );
          expect(await applyMigrations(database.executor)).toEqual([]);
        } finally {
          await database.executor.query(
            `DELETE FROM "_prisma_migrations" WHERE migration_name = $1`,
            [name],
          );
        }
      });

      test("failing migration is rolled back", async () => {
        const copy = copyMigrations();
        const name = "29991231000000_broken";
        try {
          const folder = path.join(copy.dir, name);
          mkdirSync(folder);
          writeFileSync(
            path.join(folder, "migration.sql"),
            `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;\n`,
          );

          await expect(
            applyMigrations(database.executor, { migrationsDir: copy.dir }),
          ).rejects.toThrow(`Migration ${name} failed and was rolled back`);

          const table = await database.executor.query<{ name: string | null }>(
            `SELECT to_regclass('"half_done"')::text AS name`,
          );
          expect(table.rows[0]?.name).toBeNull();
          const recorded = await database.executor.query(
            `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`,
            [name],
          );
          expect(recorded.rows).toHaveLength(0);
        } finally {
          copy.remove();
        }
      });

      test("audit_events accepts INSERT only", async () => {
        const { executor } = database;
        const inserted = await executor.query<{ id: string }>(
          `INSERT INTO "audit_events" ("actor_type", "action", "details")
         VALUES ('system', 'test.inserted', '{"ok": true}') RETURNING "id"::text`,
        );
        const id = inserted.rows[0]?.id;
        expect(id).toBeDefined();

        await expect(
          executor.query(
            `UPDATE "audit_events" SET "action" = 'changed' WHERE "id" = $1`,
            [id],
          ),
        ).rejects.toThrow("audit_events is append-only: UPDATE is not allowed");
        await expect(
          executor.query(`DELETE FROM "audit_events" WHERE "id" = $1`, [id]),
        ).rejects.toThrow("audit_events is append-only: DELETE is not allowed");
        await expect(executor.exec(`TRUNCATE "audit_events"`)).rejects.toThrow(
          "audit_events is append-only: TRUNCATE is not allowed",
        );

        const { rows } = await executor.query<{ action: string }>(
          `SELECT "action" FROM "audit_events" WHERE "id" = $1`,
          [id],
        );
        expect(rows).toEqual([{ action: "test.inserted" }]);
      });

      test("Prisma writes and reads through the adapter", async () => {
        const { prisma } = database;
        const customer = await prisma.customer.create({
          data: { companyName: "Adapter Test Ltd", hibobEnvironment: "sandbox" },
        });
        const tokenHash = randomBytes(32).toString("hex");
        const created = await prisma.linkSession.create({
          data: {
            customerId: customer.id,
            requiredCategories: ["basic_info", "work", "personal_contact_details"],
            tokenHash,
            expiresAt: new Date(Date.now() + 60_000),
          },
        });

        const read = await prisma.linkSession.findUniqueOrThrow({
          where: { tokenHash },
          include: { customer: true },
        });
        expect(read.id).toBe(created.id);
        expect(read.requiredCategories).toEqual([
          "basic_info",
          "work",
          "personal_contact_details",
        ]);
        expect(read.status).toBe("pending");
        expect(read.currentStep).toBe(1);
        expect(read.tokenHash).toBe(tokenHash);
        expect(read.customer.companyName).toBe("Adapter Test Ltd");
        expect(read.customer.hibobEnvironment).toBe("sandbox");

        const event = await prisma.auditEvent.create({
          data: {
            actorType: "staff",
            actorId: "staff-1",
            action: "link.created",
            customerId: customer.id,
            linkSessionId: created.id,
            details: { categories: 3 },
          },
        });
        expect(typeof event.id).toBe("bigint");
        expect(event.details).toEqual({ categories: 3 });
        await expect(
          prisma.auditEvent.update({
            where: { id: event.id },
            data: { action: "changed" },
          }),
        ).rejects.toThrow("append-only");
      });

      test.skipIf(target.kind !== "postgresql")(
        "concurrent runs apply each migration once",
        async () => {
          const fresh = await createTestDatabase({
            kind: "postgresql",
            migrate: false,
            label: "migrate_race",
          });
          const pools = [0, 1].map(() => new pg.Pool({ connectionString: fresh.url }));
          try {
            const results = await Promise.all(
              pools.map((pool) => applyMigrations(pgExecutor(pool))),
            );
            const names = await migrationNames();
            expect(results.flat().sort()).toEqual([...names].sort());
            const { rows } = await fresh.executor.query<{ count: string }>(
              `SELECT count(*)::text AS count FROM "_prisma_migrations"`,
            );
            expect(rows[0]?.count).toBe(String(names.length));
          } finally {
            await Promise.all(pools.map((pool) => pool.end()));
            await fresh.close();
          }
        },
      );

      test.skipIf(target.kind !== "postgresql")("held lock times out", async () => {
        const holder = new pg.Client({ connectionString: database.url });
        await holder.connect();
        try {
          await holder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
          await expect(
            applyMigrations(database.executor, { lockTimeoutMs: 300 }),
          ).rejects.toThrow("Timed out after 300 ms waiting for the migration lock");
        } finally {
          await holder.end();
        }
      });
    },
  );
}
