import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import {
  decryptCredentialToken,
  storeCredential,
  type CredentialSummary,
  summarizeCredential,
} from "@/lib/credentials/service";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import type { Database, DatabaseExecutor } from "@/lib/db/types";
import type { ProbeTrigger } from "@/lib/generated/prisma/client";
import type { PermissionCategoryId } from "@/lib/hibob/categories";
import type { ActiveLinkSession } from "@/lib/link-sessions/service";
import { logger } from "@/lib/logger";
import { refreshCustomerSummary } from "@/lib/onboarding/refresh-summary";
import type { ProbeReport, RunProbeOptions } from "@/lib/probe/types";

import { toProbeRunView } from "./mapping";
import type { ProbeRunView } from "./view";

export type ProbeRunner = (options: RunProbeOptions) => Promise<ProbeReport>;

export type HibobConnection = {
  baseUrl: string;
  timeoutMs: number;
  runProbe: ProbeRunner;
};

/** A run longer than this is treated as abandoned, so it no longer blocks new runs. */
export const ABANDONED_RUN_MS = 5 * 60 * 1000;

export class ProbeRunInProgressError extends Error {
  constructor() {
    super(
      "A permission check for this customer is already running. Wait a few seconds for it to finish; its result appears on this page.",
    );
    this.name = "ProbeRunInProgressError";
  }
}

/**
 * Records a new running probe run. At most one run per customer may be in
 * progress: a second submit of the same form, from any instance, gets
 * ProbeRunInProgressError instead of a second HiBob check.
 */
async function startRun(
  db: Database,
  input: { customerId: string; linkSessionId: string | null; trigger: ProbeTrigger },
): Promise<string> {
  return db.$transaction(async (tx) => {
    // Serializes run starts per customer across connections and instances.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`probe-run:${input.customerId}`}))`;
    const running = await tx.probeRun.count({
      where: {
        customerId: input.customerId,
        status: "running",
        startedAt: { gt: new Date(Date.now() - ABANDONED_RUN_MS) },
      },
    });
    if (running > 0) {
      throw new ProbeRunInProgressError();
    }
    const run = await tx.probeRun.create({
      data: {
        customerId: input.customerId,
        linkSessionId: input.linkSessionId,
        trigger: input.trigger,
        status: "running",
      },
      select: { id: true },
    });
    return run.id;
  });
}

/** Writes a finished report into its run and one row per category. */
async function finishRun(
  db: DatabaseExecutor,
  runId: string,
  report: ProbeReport,
  credentialId: string | null,
): Promise<void> {
  const failed = report.credentials !== "valid" || report.outcome === "error";
  await db.probeRun.update({
    where: { id: runId },
    data: {
      status: failed ? "failed" : "completed",
      outcome: report.outcome,
      credentialId,
      employeesVisible: report.credentials === "valid" ? report.employeesVisible : null,
      accessScopeStatus:
        report.credentials === "valid" ? report.accessScope.status : null,
      accessScopeFix: report.credentials === "valid" ? report.accessScope.fix : null,
      missingLifecycleStatuses: report.accessScope.missingLifecycleStatuses,
      summary: report.message,
      finishedAt: new Date(),
      durationMs: Math.round(report.durationMs),
      results: {
        create: report.categories.map((category) => ({
          category: category.id,
          status: category.status,
          missing: category.missing,
          unverified: category.unverified,
          hibobCategoryName: category.hibobCategoryName ?? null,
          fix: category.fix,
        })),
      },
    },
  });
}

/** Records a run that ended with an error the probe engine did not report. */
async function failRun(
  db: DatabaseExecutor,
  runId: string,
  summary: string,
): Promise<void> {
  await db.probeRun.update({
    where: { id: runId },
    data: { status: "failed", outcome: "error", summary, finishedAt: new Date() },
  });
}

const UNEXPECTED_FAILURE_MESSAGE =
  "Something went wrong on our side while checking your permissions. Your saved details are unchanged. Try again in a few minutes; if it keeps failing, contact your vendor's support team.";

async function runProbeSafely(
  db: DatabaseExecutor,
  runId: string,
  connection: HibobConnection,
  options: Omit<RunProbeOptions, "baseUrl" | "timeoutMs">,
): Promise<ProbeReport | null> {
  try {
    return await connection.runProbe({
      ...options,
      baseUrl: connection.baseUrl,
      timeoutMs: connection.timeoutMs,
    });
  } catch (error) {
    logger.error({ err: error, probeRunId: runId }, "Probe run failed unexpectedly");
    await failRun(db, runId, UNEXPECTED_FAILURE_MESSAGE);
    return null;
  }
}

/**
 * Runs `beforeCheck` for a run that has just started. A refusal removes the
 * run, which has not called HiBob, and returns the message.
 */
async function applyBeforeCheck(
  db: Database,
  runId: string,
  beforeCheck: (() => Promise<string | null>) | undefined,
): Promise<string | null> {
  let refusal: string | null;
  try {
    refusal = (await beforeCheck?.()) ?? null;
  } catch (error) {
    await db.probeRun.delete({ where: { id: runId } });
    throw error;
  }
  if (refusal !== null) {
    await db.probeRun.delete({ where: { id: runId } });
  }
  return refusal;
}

export type SubmitCredentialsResult =
  | { kind: "stored"; run: ProbeRunView; credential: CredentialSummary }
  | { kind: "rejected"; outcome: ProbeReport["outcome"]; message: string }
  | { kind: "busy"; message: string };

/**
 * Checks credentials against HiBob, stores them encrypted when HiBob accepts
 * them, and records the probe run. Rejected credentials are never stored.
 *
 * Only one check per customer runs at a time. The two hooks run while this
 * submission has that turn, so a cap on failed checks counted in
 * `onInvalidCredentials` and enforced in `beforeCheck` is kept even by
 * submissions sent in parallel.
 */
export async function submitCredentials(
  db: Database,
  input: {
    session: ActiveLinkSession;
    serviceUserId: string;
    token: string;
    key: EncryptionKey;
    connection: HibobConnection;
    /** Returns a message to refuse the check before HiBob is called, or null. */
    beforeCheck?: () => Promise<string | null>;
    /** Called when HiBob rejected the credentials, before the turn ends. */
    onInvalidCredentials?: () => Promise<void>;
  },
): Promise<SubmitCredentialsResult> {
  const { session } = input;
  let runId: string;
  try {
    runId = await startRun(db, {
      customerId: session.customerId,
      linkSessionId: session.id,
      trigger: "wizard_submit",
    });
  } catch (error) {
    if (error instanceof ProbeRunInProgressError) {
      return { kind: "busy", message: error.message };
    }
    throw error;
  }
  const refusal = await applyBeforeCheck(db, runId, input.beforeCheck);
  if (refusal !== null) {
    return { kind: "busy", message: refusal };
  }
  const report = await runProbeSafely(db, runId, input.connection, {
    serviceUserId: input.serviceUserId,
    token: input.token,
    requiredCategories: session.requiredCategories,
  });
  if (!report) {
    await refreshCustomerSummary(db, session.customerId);
    return { kind: "rejected", outcome: "error", message: UNEXPECTED_FAILURE_MESSAGE };
  }

  // Only credentials HiBob has accepted are stored. A check that failed after
  // HiBob accepted them still stores them, so "Check again" can finish it.
  if (report.credentials !== "valid") {
    if (report.outcome === "invalid_credentials") {
      await input.onInvalidCredentials?.();
    }
    await db.$transaction(async (tx) => {
      await finishRun(tx, runId, report, null);
      await recordAuditEvent(tx, {
        actorType: "hr_admin",
        action: "credentials.rejected",
        customerId: session.customerId,
        linkSessionId: session.id,
        details: {
          outcome: report.outcome,
          serviceUserId: input.serviceUserId,
          probeRunId: runId,
        },
      });
      await refreshCustomerSummary(tx, session.customerId);
    });
    return { kind: "rejected", outcome: report.outcome, message: report.message };
  }

  const { credential, change } = await db.$transaction(async (tx) => {
    const stored = await storeCredential(tx, {
      customerId: session.customerId,
      serviceUserId: input.serviceUserId,
      token: input.token,
      key: input.key,
    });
    await finishRun(tx, runId, report, stored.credential.id);
    await tx.linkSession.update({
      where: { id: session.id },
      data: {
        status: "submitted",
        currentStep: 3,
        submittedAt: new Date(),
        lastActivityAt: new Date(),
      },
    });
    if (stored.change !== "unchanged") {
      await recordAuditEvent(tx, {
        actorType: "hr_admin",
        action: `credentials.${stored.change}`,
        customerId: session.customerId,
        linkSessionId: session.id,
        details: {
          serviceUserId: input.serviceUserId,
          tokenLastFour: stored.credential.tokenLastFour,
          keyId: stored.credential.keyId,
        },
      });
    }
    await recordAuditEvent(tx, {
      actorType: "hr_admin",
      action: "probe.completed",
      customerId: session.customerId,
      linkSessionId: session.id,
      details: { probeRunId: runId, outcome: report.outcome },
    });
    await refreshCustomerSummary(tx, session.customerId);
    return stored;
  });

  logger.info(
    {
      customerId: session.customerId,
      probeRunId: runId,
      outcome: report.outcome,
      credentials: change,
    },
    "Stored HiBob credentials and recorded probe run",
  );
  const run = await getProbeRun(db, runId);
  if (!run) {
    throw new Error(`Probe run ${runId} disappeared after it was recorded.`);
  }
  return { kind: "stored", run, credential: summarizeCredential(credential) };
}

export class NoStoredCredentialError extends Error {
  constructor() {
    super("No HiBob credentials are stored for this customer yet.");
    this.name = "NoStoredCredentialError";
  }
}

/** Probes again with the stored credentials and records the run. */
export async function recheckPermissions(
  db: Database,
  input: {
    customerId: string;
    linkSessionId: string | null;
    requiredCategories: PermissionCategoryId[];
    keys: readonly EncryptionKey[];
    connection: HibobConnection;
    trigger: ProbeTrigger;
    actor: { type: "hr_admin" | "staff"; id?: string };
  },
): Promise<ProbeRunView> {
  const credential = await db.hibobCredential.findUnique({
    where: { customerId: input.customerId },
  });
  if (!credential) {
    throw new NoStoredCredentialError();
  }
  const token = decryptCredentialToken(credential, input.keys);

  const runId = await startRun(db, {
    customerId: input.customerId,
    linkSessionId: input.linkSessionId,
    trigger: input.trigger,
  });
  const report = await runProbeSafely(db, runId, input.connection, {
    serviceUserId: credential.serviceUserId,
    token,
    requiredCategories: input.requiredCategories,
  });

  await db.$transaction(async (tx) => {
    if (report) {
      await finishRun(tx, runId, report, credential.id);
    }
    if (input.linkSessionId) {
      await tx.linkSession.update({
        where: { id: input.linkSessionId },
        data: { lastActivityAt: new Date() },
      });
    }
    await recordAuditEvent(tx, {
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: "probe.rechecked",
      customerId: input.customerId,
      linkSessionId: input.linkSessionId,
      details: { probeRunId: runId, outcome: report?.outcome ?? "error" },
    });
    await refreshCustomerSummary(tx, input.customerId);
  });

  const run = await getProbeRun(db, runId);
  if (!run) {
    throw new Error(`Probe run ${runId} disappeared after it was recorded.`);
  }
  return run;
}

export async function getProbeRun(
  db: DatabaseExecutor,
  runId: string,
): Promise<ProbeRunView | null> {
  const run = await db.probeRun.findUnique({
    where: { id: runId },
    include: { results: true },
  });
  return run ? toProbeRunView(run) : null;
}

/**
 * Returns the newest finished run for a customer that used stored
 * credentials, so a rejected submission does not hide the last real result.
 */
export async function getLatestProbeRun(
  db: DatabaseExecutor,
  customerId: string,
): Promise<ProbeRunView | null> {
  const run = await db.probeRun.findFirst({
    where: { customerId, status: { not: "running" }, credentialId: { not: null } },
    orderBy: { startedAt: "desc" },
    include: { results: true },
  });
  return run ? toProbeRunView(run) : null;
}

export async function getCredentialSummary(
  db: DatabaseExecutor,
  customerId: string,
): Promise<CredentialSummary | null> {
  const credential = await db.hibobCredential.findUnique({ where: { customerId } });
  return credential ? summarizeCredential(credential) : null;
}
