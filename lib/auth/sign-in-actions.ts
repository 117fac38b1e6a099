import "server-only";

// Server side of the sign-in and sign-out forms. Sign-in requests come from
// anonymous callers. The signIn callback (lib/auth/auth-config.ts) decides who
// may sign in, and it also runs for requests that post to /api/auth directly.
import { headers } from "next/headers";
import { AuthError } from "next-auth";

import { logger } from "@/lib/logger";
import {
  describeRetryAfter,
  getRateLimiter,
  perIpRule,
  RATE_LIMITS,
} from "@/lib/rate-limit";
import { clientIp } from "@/lib/server/client-ip";

import { normalizeEmail } from "./allowlist";
import { signIn, signOut } from "./auth";
import { EMAIL_PROVIDER_ID } from "./auth-config";
import { OIDC_PROVIDER_ID } from "./oidc-provider";
import { getAuthSettings } from "./runtime";
import { safeCallbackPath, SIGN_IN_PAGE } from "./paths";
import { signInLinkSchema } from "./sign-in-schema";

export type SignInLinkState =
  | { ok: true; email: string }
  | { ok: false; message: string; fieldErrors?: { email?: string } };

export const NOT_ALLOWED_MESSAGE =
  "This address has no access to the HiBob Connect staff console, so no sign-in link was sent. " +
  "Ask an admin of HiBob Connect to invite you (or to reactivate your account), then try again.";

const MAIL_FAILED_MESSAGE =
  "The sign-in mail could not be sent. Nothing else changed: try again in a few minutes, " +
  "and tell the team that runs HiBob Connect if it keeps failing.";

const EMAIL_UNAVAILABLE_MESSAGE =
  "Email sign-in is not set up on this server. Use the SSO button if there is one, or tell the team that runs HiBob Connect.";

async function rateLimitMessage(email: string | null): Promise<string | null> {
  const limiter = getRateLimiter();
  const ip = clientIp(await headers());
  const byIp = await limiter.consume(perIpRule(RATE_LIMITS.staffSignInByIp), ip);
  if (!byIp.allowed) {
    logger.warn({}, "Staff sign-in rejected: rate limit per client address reached");
    return `Too many sign-in requests from your network. Try again ${describeRetryAfter(byIp.retryAfterMs)}.`;
  }
  if (email) {
    // Only checked here: every mail is counted where it is sent (lib/auth/auth.ts),
    // which also covers requests that post to /api/auth directly.
    const byEmail = await limiter.check(RATE_LIMITS.staffSignInMailByEmail, email);
    if (!byEmail.allowed) {
      logger.warn({}, "Staff sign-in rejected: rate limit per email address reached");
      return `Several sign-in links were sent to this address recently. Use the newest mail, or try again ${describeRetryAfter(byEmail.retryAfterMs)}.`;
    }
  }
  return null;
}

/**
 * Sends a sign-in link to an allowed address. Returns a form state: the
 * address on success, else a message and field errors. An address that may
 * not sign in gets no mail.
 */
export async function requestSignInLink(input: unknown): Promise<SignInLinkState> {
  const parsed = signInLinkSchema.safeParse(input);
  if (!parsed.success) {
    const emailIssue = parsed.error.issues.find((issue) => issue.path[0] === "email");
    return {
      ok: false,
      message: "Check the email address.",
      fieldErrors: { email: emailIssue?.message ?? "Enter a valid email address." },
    };
  }
  if (!getAuthSettings().mail) {
    return { ok: false, message: EMAIL_UNAVAILABLE_MESSAGE };
  }
  const email = normalizeEmail(parsed.data.email);
  const limited = await rateLimitMessage(email);
  if (limited) {
    return { ok: false, message: limited };
  }

  try {
    const next = await signIn(EMAIL_PROVIDER_ID, {
      email,
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
      redirect: false,
    });
    // Auth.js returns its verify-request page once the mail is sent.
    if (typeof next === "string" && next.includes("/verify-request")) {
      return { ok: true, email };
    }
    logger.error({}, "Staff sign-in link request ended without sending a mail");
    return { ok: false, message: MAIL_FAILED_MESSAGE };
  } catch (error) {
    if (error instanceof AuthError && error.type === "AccessDenied") {
      return { ok: false, message: NOT_ALLOWED_MESSAGE };
    }
    logger.error({ err: error }, "Staff sign-in link could not be sent");
    return { ok: false, message: MAIL_FAILED_MESSAGE };
  }
}

/** Starts company SSO sign-in: redirects to the identity provider, or returns a message. */
export async function startSsoSignIn(callbackUrl: unknown): Promise<string> {
  if (!getAuthSettings().oidc) {
    return "Company SSO is not set up on this server. Use email sign-in.";
  }
  const limited = await rateLimitMessage(null);
  if (limited) {
    return limited;
  }
  // Throws Next.js's redirect to the identity provider.
  await signIn(OIDC_PROVIDER_ID, {
    redirectTo: safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : null),
  });
  return "Company SSO did not start. Try again.";
}

/** Ends the caller's session (if any) and redirects to the sign-in page. */
export async function signOutCurrentUser(): Promise<void> {
  await signOut({ redirectTo: `${SIGN_IN_PAGE}?signedOut=1` });
}
