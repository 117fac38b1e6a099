import "server-only";

import type { DatabaseExecutor } from "@/lib/db/types";

import { computeStage } from "./stage";

/**
 * Recomputes a customer's dashboard summary (stage, last activity, newest
 * probe result, link expiry) from its link sessions, credential and probe
 * runs. Call it in the same transaction as every change to those.
 */
export async function refreshCustomerSummary(
  db: DatabaseExecutor,
  customerId: string,
): Promise<void> {
  const [customer, latestSession, activeSession, latestRun, credential] =
    await Promise.all([
      db.customer.findUniqueOrThrow({
        where: { id: customerId },
        select: { stage: true, createdAt: true },
      }),
      db.linkSession.findFirst({ where: { customerId }, orderBy: { createdAt: "desc" } }),
      db.linkSession.findFirst({
        where: { customerId, status: { not: "revoked" } },
        orderBy: { createdAt: "desc" },
        select: { expiresAt: true },
      }),
      db.probeRun.findFirst({
        where: { customerId, status: { not: "running" } },
        orderBy: { startedAt: "desc" },
        select: {
          id: true,
          startedAt: true,
          finishedAt: true,
          outcome: true,
          accessScopeStatus: true,
          results: {
            where: { status: { in: ["missing", "partial"] } },
            select: { id: true },
          },
        },
      }),
      db.hibobCredential.findUnique({ where: { customerId }, select: { id: true } }),
    ]);

  const stage = computeStage({
    latestSession,
    latestRun,
    hasCredential: credential !== null,
  });
  const activityTimes = [
    customer.createdAt,
    latestSession?.lastActivityAt,
    latestRun?.finishedAt ?? latestRun?.startedAt,
  ].filter((time): time is Date => time instanceof Date);
  const lastActivityAt = new Date(
    Math.max(...activityTimes.map((time) => time.getTime())),
  );

  await db.customer.update({
    where: { id: customerId },
    data: {
      stage,
      ...(stage !== customer.stage ? { stageChangedAt: new Date() } : {}),
      lastActivityAt,
      linkExpiresAt: activeSession?.expiresAt ?? null,
      latestProbeRunId: latestRun?.id ?? null,
      latestProbeOutcome: latestRun?.outcome ?? null,
      latestProbeAt: latestRun?.startedAt ?? null,
      missingCount: latestRun
        ? latestRun.results.length +
          (latestRun.accessScopeStatus === "incomplete" ? 1 : 0)
        : null,
    },
  });
}
