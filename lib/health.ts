import "server-only";

import type { Database } from "@/lib/db/types";
import { getMigrationStatus } from "@/lib/db/migrate";
import type { SqlExecutor, SqlRow } from "@/lib/db/sql";
import { logger } from "@/lib/logger";

export type HealthReport = {
  status: "ok" | "degraded" | "down";
  database: { reachable: boolean; latencyMs: number | null };
  migrations: { upToDate: boolean; pending: string[]; failed: string[] } | null;
};

/** Runs read-only SQL through the Prisma client the app already holds. */
function prismaExecutor(db: Database): SqlExecutor {
  return {
    async query<Row extends object = SqlRow>(
      sql: string,
      params: readonly unknown[] = [],
    ) {
      const rows = await db.$queryRawUnsafe<Row[]>(sql, ...params);
      return { rows };
    },
    async exec(sql: string) {
      await db.$executeRawUnsafe(sql);
    },
  };
}

/**
 * Checks that the database answers and that every migration in
 * prisma/migrations is applied. Never throws: failures become a "down" or
 * "degraded" report and a log line.
 */
export async function checkHealth(db: Database): Promise<HealthReport> {
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    logger.error({ err: error }, "Health check: database unreachable");
    return {
      status: "down",
      database: { reachable: false, latencyMs: null },
      migrations: null,
    };
  }
  const latencyMs = Math.round(performance.now() - started);

  try {
    const status = await getMigrationStatus(prismaExecutor(db));
    const upToDate =
      status.pending.length === 0 &&
      status.failed.length === 0 &&
      status.modified.length === 0;
    return {
      status: upToDate ? "ok" : "degraded",
      database: { reachable: true, latencyMs },
      migrations: { upToDate, pending: status.pending, failed: status.failed },
    };
  } catch (error) {
    logger.error({ err: error }, "Health check: migration status could not be read");
    return {
      status: "degraded",
      database: { reachable: true, latencyMs },
      migrations: null,
    };
  }
}
