import "server-only";

import { headers } from "next/headers";
import { z } from "zod";

import { db } from "@/lib/db";
import { completeWizardStep, resolveLinkSession } from "@/lib/link-sessions/service";
import { logger } from "@/lib/logger";
import {
  RATE_LIMITS,
  describeRetryAfter,
  getRateLimiter,
  perIpRule,
} from "@/lib/rate-limit";
import { clientIp } from "@/lib/server/client-ip";
import {
  NoStoredCredentialError,
  ProbeRunInProgressError,
  recheckPermissions,
  submitCredentials,
} from "@/lib/probe-runs/service";
import {
  getActiveEncryptionKey,
  getDecryptionKeys,
  getHibobConnection,
} from "@/lib/server/runtime";
import { credentialsSchema, type CredentialsInput } from "@/lib/validation/credentials";

import { LINK_TOKEN_PATTERN } from "../link-sessions/link-token";

export type LinkFailure = { ok: false; reason: "link_invalid"; message: string };

const LINK_INVALID_MESSAGE =
  "This link is no longer valid. Reload the page to see why, or ask your vendor for a new link.";

const linkTokenSchema = z.string().regex(LINK_TOKEN_PATTERN);

async function requireActiveSession(token: unknown) {
  const parsed = linkTokenSchema.safeParse(token);
  if (!parsed.success) {
    return null;
  }
  const resolution = await resolveLinkSession(db, parsed.data);
  return resolution.kind === "active" ? resolution.session : null;
}

/** Marks a teaching step done. Returns the step to show next, or null for a dead link. */
export async function completeStepForLink(
  token: unknown,
  step: unknown,
): Promise<number | null> {
  const parsedStep = z.union([z.literal(1), z.literal(2)]).safeParse(step);
  const session = await requireActiveSession(token);
  if (!session || !parsedStep.success) {
    return null;
  }
  return completeWizardStep(db, session, parsedStep.data);
}

export type SubmitCredentialsState =
  | { ok: true }
  | LinkFailure
  | {
      ok: false;
      reason: "invalid_input" | "rejected" | "rate_limited";
      message: string;
      fieldErrors: Partial<Record<keyof CredentialsInput, string>>;
    };

/** Validates, checks against HiBob, stores and probes the submitted credentials. */
export async function submitCredentialsForLink(
  token: unknown,
  input: unknown,
): Promise<SubmitCredentialsState> {
  const session = await requireActiveSession(token);
  if (!session) {
    return { ok: false, reason: "link_invalid", message: LINK_INVALID_MESSAGE };
  }

  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<keyof CredentialsInput, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "serviceUserId" || field === "token") && !fieldErrors[field]) {
        fieldErrors[field] = issue.message;
      }
    }
    return {
      ok: false,
      reason: "invalid_input",
      message: "Some details need fixing before they can be checked.",
      fieldErrors,
    };
  }

  const refusal = await checkSubmissionLimits(session.id);
  if (refusal) {
    return { ok: false, reason: "rate_limited", message: refusal, fieldErrors: {} };
  }

  const result = await submitCredentials(db, {
    session,
    serviceUserId: parsed.data.serviceUserId,
    token: parsed.data.token,
    key: getActiveEncryptionKey(),
    connection: getHibobConnection(session.hibobEnvironment),
    // Checked again and counted inside the customer's turn, so parallel
    // submissions cannot slip past the cap between a check and its count.
    beforeCheck: () => failureCapMessage(session.id),
    onInvalidCredentials: () => recordFailedAuthentication(session.id),
  });
  if (result.kind === "stored") {
    return { ok: true };
  }
  if (result.kind === "busy") {
    return {
      ok: false,
      reason: "rate_limited",
      message: result.message,
      fieldErrors: {},
    };
  }

  const fieldErrors: Partial<Record<keyof CredentialsInput, string>> =
    result.outcome === "invalid_credentials"
      ? { token: "HiBob did not accept this service user ID and token together." }
      : {};
  return { ok: false, reason: "rejected", message: result.message, fieldErrors };
}

/**
 * Applies the limits on credential checks for one link. Returns the message
 * for the HR admin when a limit is reached, or null to go ahead.
 */
async function checkSubmissionLimits(linkSessionId: string): Promise<string | null> {
  const limiter = getRateLimiter();
  const byIp = await consumeSubmitByIp();
  if (byIp) {
    return byIp;
  }
  const failureCap = await failureCapMessage(linkSessionId);
  if (failureCap) {
    return failureCap;
  }
  const attempts = await limiter.consume(
    RATE_LIMITS.credentialSubmitByLink,
    linkSessionId,
  );
  if (!attempts.allowed) {
    logger.warn(
      { linkSessionId },
      "Credential check refused: submission limit for this link reached",
    );
    return `This link has been used for many checks in a short time. Nothing was changed. Try again ${describeRetryAfter(attempts.retryAfterMs)}.`;
  }
  return null;
}

/**
 * Returns a message when the link, or the whole server, has reached its cap
 * on credentials that HiBob rejected, or null. Counts nothing.
 */
async function failureCapMessage(linkSessionId: string): Promise<string | null> {
  const limiter = getRateLimiter();
  const failures = await limiter.check(
    RATE_LIMITS.credentialFailuresByLink,
    linkSessionId,
  );
  if (!failures.allowed) {
    logger.warn(
      { linkSessionId },
      "Credential check refused: too many failed attempts for this link",
    );
    return (
      "HiBob rejected the last few attempts, so checks for this link are paused to keep HiBob " +
      `from blocking your account. Nothing was changed. Copy the ID and token again and try ${describeRetryAfter(failures.retryAfterMs)}.`
    );
  }
  const serverWide = await limiter.check(RATE_LIMITS.hibobAuthFailuresServerWide, "all");
  if (!serverWide.allowed) {
    logger.warn(
      { linkSessionId },
      "Credential check refused: server-wide HiBob failure cap reached",
    );
    return `Too many credential checks are failing right now. Nothing was changed. Try again ${describeRetryAfter(serverWide.retryAfterMs)}.`;
  }
  return null;
}

/** Counts one form post from the caller's address; returns a message when over the limit. */
async function consumeSubmitByIp(): Promise<string | null> {
  const ip = clientIp(await headers());
  const decision = await getRateLimiter().consume(
    perIpRule(RATE_LIMITS.linkSubmitByIp),
    ip,
  );
  if (decision.allowed) {
    return null;
  }
  logger.warn({}, "Wizard form refused: submission limit for this address reached");
  return `Too many attempts from your network in a short time. Nothing was changed. Try again ${describeRetryAfter(decision.retryAfterMs)}.`;
}

async function recordFailedAuthentication(linkSessionId: string): Promise<void> {
  const limiter = getRateLimiter();
  await Promise.all([
    limiter.record(RATE_LIMITS.credentialFailuresByLink, linkSessionId),
    limiter.record(RATE_LIMITS.hibobAuthFailuresServerWide, "all"),
  ]);
}

export type RecheckState =
  | { ok: true }
  | LinkFailure
  | { ok: false; reason: "no_credentials" | "rate_limited"; message: string };

/** Probes again with the credentials stored for the link's customer. */
export async function recheckForLink(token: unknown): Promise<RecheckState> {
  const session = await requireActiveSession(token);
  if (!session) {
    return { ok: false, reason: "link_invalid", message: LINK_INVALID_MESSAGE };
  }

  const attempts = await getRateLimiter().consume(
    RATE_LIMITS.credentialSubmitByLink,
    session.id,
  );
  if (!attempts.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      message: `Permissions were checked many times in a short while. Try again ${describeRetryAfter(attempts.retryAfterMs)}.`,
    };
  }

  try {
    await recheckPermissions(db, {
      customerId: session.customerId,
      linkSessionId: session.id,
      requiredCategories: session.requiredCategories,
      keys: getDecryptionKeys(),
      connection: getHibobConnection(session.hibobEnvironment),
      trigger: "wizard_recheck",
      actor: { type: "hr_admin" },
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof ProbeRunInProgressError) {
      return { ok: false, reason: "rate_limited", message: error.message };
    }
    if (error instanceof NoStoredCredentialError) {
      return {
        ok: false,
        reason: "no_credentials",
        message:
          "There are no saved credentials to check yet. Enter the service user ID and token first.",
      };
    }
    logger.error({ err: error, linkSessionId: session.id }, "Permission re-check failed");
    throw error;
  }
}
