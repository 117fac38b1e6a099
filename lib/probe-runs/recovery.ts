import "server-only";

import type { Database } from "@/lib/db/types";
import { logger } from "@/lib/logger";
import { refreshCustomerSummary } from "@/lib/onboarding/refresh-summary";

import { ABANDONED_RUN_MS } from "./service";

export const INTERRUPTED_RUN_MESSAGE =
  'The permission check was interrupted because our server restarted. Nothing you entered was lost. Choose "Check again" to run it once more.';

/**
 * Marks probe runs that were left "running" by a crashed or killed server as
 * failed, so every run ends in a recorded state. Runs younger than
 * ABANDONED_RUN_MS are left alone, because another instance may still be
 * working on them.
 */
export async function markInterruptedRuns(
  db: Database,
  now: Date = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_RUN_MS);
  const abandoned = await db.probeRun.findMany({
    where: { status: "running", startedAt: { lt: cutoff } },
    select: { id: true, customerId: true },
  });
  if (abandoned.length === 0) {
    return 0;
  }

  await db.$transaction(async (tx) => {
    await tx.probeRun.updateMany({
      where: { id: { in: abandoned.map((run) => run.id) }, status: "running" },
      data: {
        status: "failed",
        outcome: "error",
        summary: INTERRUPTED_RUN_MESSAGE,
        finishedAt: now,
      },
    });
    for (const customerId of new Set(abandoned.map((run) => run.customerId))) {
      await refreshCustomerSummary(tx, customerId);
    }
  });
  logger.warn(
    { count: abandoned.length, probeRunIds: abandoned.map((run) => run.id) },
    "Marked interrupted probe runs as failed",
  );
  return abandoned.length;
}

/** Runs `markInterruptedRuns` on the app's database at start-up; logs instead of failing. */
export async function recoverInterruptedRunsOnStartup(): Promise<void> {
  const { db } = await import("@/lib/db");
  try {
    await markInterruptedRuns(db);
  } catch (error) {
    logger.error(
      { err: error },
      "Could not check for interrupted probe runs at start-up",
    );
  }
}
