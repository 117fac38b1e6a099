// `npm run db:migrate`: applies the pending migrations in prisma/migrations to
// DATABASE_URL, or to the PGlite database in .data/pglite (PGLITE_DATA_DIR or
// DATA_DIR move it) when DATABASE_URL is unset. Reads .env if present.
//
// PGlite allows one process at a time: stop `npm run dev` first.
import { existsSync } from "node:fs";

import {
  describePostgresUrl,
  openDatabase,
  resolveDatabaseTarget,
} from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

if (existsSync(".env")) {
  process.loadEnvFile(".env");
}

function describeTarget(): string {
  const target = resolveDatabaseTarget();
  return target.kind === "postgresql"
    ? `PostgreSQL at ${describePostgresUrl(target.url)}`
    : `PGlite in ${target.dataDir}`;
}

async function main(): Promise<void> {
  const target = describeTarget();
  console.log(`Migrating ${target}`);

  const database = await openDatabase();
  try {
    const applied = await applyMigrations(database.executor, {
      log: (message) => console.log(message),
    });
    if (applied.length === 0) {
      console.log("Database is up to date");
    } else {
      const noun = applied.length === 1 ? "migration" : "migrations";
      console.log(`Applied ${applied.length} ${noun}: ${applied.join(", ")}`);
    }
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `Migration failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
