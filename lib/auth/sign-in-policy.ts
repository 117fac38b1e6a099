import "server-only";

// The sign-in decision against the database, with its audit trail. Auth.js
// calls it from the signIn callback. For email sign-in that happens before
// the mail is sent and again when the link is opened, and for SSO after the
// identity provider returns the user.
import { recordAuditEvent } from "@/lib/audit";
import type { DatabaseExecutor } from "@/lib/db/types";
import { logger } from "@/lib/logger";

import {
  decideStaffSignIn,
  emailDomain,
  normalizeEmail,
  type StaffAllowlist,
  type StaffSignInDecision,
} from "./allowlist";

export type SignInRefusalReason =
  Extract<StaffSignInDecision, { allowed: false }>["reason"] | "unverified-email";

export type SignInAttempt = {
  /** The address as the user typed it or the identity provider sent it. */
  email: string | null | undefined;
  /** Auth.js provider id: "nodemailer" or "oidc". */
  provider: string;
  /** "request" when an email link is requested, "callback" when a provider signs the user in. */
  stage: "request" | "callback";
  /** False when the identity provider reports the address as not verified. */
  emailVerified?: boolean;
};

export type SignInCheck =
  | { allowed: true; email: string; reason: "active-user" | "allowlisted" }
  | { allowed: false; email: string; reason: SignInRefusalReason };

/**
 * Decides whether an attempt may continue, and records `staff.sign_in_refused`
 * (with the address's domain, never the full address) when it may not.
 */
export async function checkStaffSignIn(
  db: DatabaseExecutor,
  allowlist: StaffAllowlist,
  attempt: SignInAttempt,
): Promise<SignInCheck> {
  const email = normalizeEmail(attempt.email ?? "");
  const existing = email
    ? await db.user.findUnique({ where: { email }, select: { id: true, active: true } })
    : null;

  let check: SignInCheck;
  if (attempt.emailVerified === false) {
    check = { allowed: false, email, reason: "unverified-email" };
  } else {
    const decision = decideStaffSignIn({ email, existing, allowlist });
    check = decision.allowed
      ? { allowed: true, email, reason: decision.reason }
      : { allowed: false, email, reason: decision.reason };
  }

  if (!check.allowed) {
    await recordAuditEvent(db, {
      actorType: "staff",
      actorId: existing?.id ?? null,
      action: "staff.sign_in_refused",
      details: {
        emailDomain: emailDomain(email) ?? "",
        reason: check.reason,
        provider: attempt.provider,
        stage: attempt.stage,
      },
    });
    logger.info(
      {
        emailDomain: emailDomain(email),
        reason: check.reason,
        provider: attempt.provider,
        stage: attempt.stage,
      },
      "Staff sign-in refused",
    );
  }
  return check;
}
