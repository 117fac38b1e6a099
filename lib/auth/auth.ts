import "server-only";

// The app's Auth.js instance. The configuration is built on first use, so
// importing this module (as `next build` does) reads no environment.
import NextAuth, { type NextAuthConfig } from "next-auth";

import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { getRateLimiter, RATE_LIMITS } from "@/lib/rate-limit";

import { normalizeEmail } from "./allowlist";
import { createAuthConfig, type SignInMail } from "./auth-config";
import { getAuthSecret, getAuthSettings } from "./runtime";

/**
 * Sends a sign-in mail unless the address got its share already. Every sign-in
 * mail passes here, whether it was asked for through the sign-in form or by a
 * post straight to /api/auth, so the limit holds for both.
 */
async function sendLimitedSignInMail(mail: SignInMail): Promise<void> {
  const decision = await getRateLimiter().consume(
    RATE_LIMITS.staffSignInMailByEmail,
    normalizeEmail(mail.to),
  );
  if (!decision.allowed) {
    logger.warn({}, "Sign-in mail not sent: rate limit per email address reached");
    throw new Error("Too many sign-in mails for this address; the mail was not sent.");
  }
  await sendMail(mail);
}

let cachedConfig: NextAuthConfig | undefined;

function authConfig(): NextAuthConfig {
  cachedConfig ??= createAuthConfig({
    db,
    settings: getAuthSettings(),
    secret: getAuthSecret(),
    sendSignInMail: sendLimitedSignInMail,
  });
  return cachedConfig;
}

export const { handlers, signIn, signOut } = NextAuth(() => authConfig());
