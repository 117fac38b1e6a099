import "server-only";

import type { DatabaseExecutor } from "@/lib/db/types";
import type { Prisma } from "@/lib/generated/prisma/client";

import { computeStage } from "./stage";

/**
 * Recomputes a customer's dashboard summary (stage, last activity, newest
 * probe result, link expiry) from its link sessions, credential and probe
 * runs. Call it in the same transaction as every change to those.
 */
const RUN_SUMMARY_FIELDS = {
  id: true,
  startedAt: true,
  finishedAt: true,
  outcome: true,
  credentialId: true,
  accessScopeStatus: true,
  results: {
    where: { status: { in: ["missing", "partial"] } },
    select: { id: true },
  },
} satisfies Prisma.ProbeRunSelect;

export async function refreshCustomerSummary(
  db: DatabaseExecutor,
  customerId: string,
): Promise<void> {
  const [
    customer,
    latestSession,
    activeSession,
    newestRun,
    storedCredentialRun,
    credential,
  ] = await Promise.all([
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
      select: RUN_SUMMARY_FIELDS,
    }),
    db.probeRun.findFirst({
      where: { customerId, status: { not: "running" }, credentialId: { not: null } },
      orderBy: { startedAt: "desc" },
      select: RUN_SUMMARY_FIELDS,
    }),
    db.hibobCredential.findUnique({ where: { customerId }, select: { id: true } }),
  ]);

  // New credentials that HiBob rejected leave the stored ones in use. Within
  // the session that checked the stored ones, the rejection does not change
  // the stage; in a later session (a re-link) it does.
  const rejectedReplacement =
    credential !== null &&
    newestRun?.credentialId === null &&
    storedCredentialRun !== null &&
    (latestSession === null ||
      storedCredentialRun.startedAt.getTime() >= latestSession.createdAt.getTime());
  const latestRun = rejectedReplacement ? storedCredentialRun : newestRun;

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
