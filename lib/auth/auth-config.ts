import "server-only";

// Builds the Auth.js configuration from settings and dependencies, so tests
// can run its callbacks against a real database without a Next.js server.
import type { NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import Nodemailer from "next-auth/providers/nodemailer";

import { recordAuditEvent } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import { logger } from "@/lib/logger";

import { createStaffAdapter } from "./adapter";
import type { AuthSettings } from "./auth-env";
import { buildOidcProvider, OIDC_PROVIDER_ID } from "./oidc-provider";
import {
  CHECK_EMAIL_PAGE,
  DEFAULT_AFTER_SIGN_IN,
  isSameSitePath,
  SIGN_IN_PAGE,
  SIGN_OUT_PAGE,
} from "./paths";
import { checkStaffSignIn } from "./sign-in-policy";
import { composeSignInMail, pinToAppOrigin } from "./sign-in-mail";

export const EMAIL_PROVIDER_ID = "nodemailer";

/** How long an emailed sign-in link works, in minutes. */
export const SIGN_IN_LINK_MINUTES = 30;

export type SignInMail = { to: string; subject: string; text: string; html: string };

export type AuthDependencies = {
  db: Database;
  settings: AuthSettings;
  secret: string;
  /** Sends a sign-in mail; the app passes sendMail. */
  sendSignInMail: (mail: SignInMail) => Promise<void>;
};

/** Returns the providers the settings enable: email sign-in, company SSO, both or none. */
export function buildProviders(
  settings: AuthSettings,
  sendSignInMail: AuthDependencies["sendSignInMail"],
): Provider[] {
  const providers: Provider[] = [];
  if (settings.mail) {
    providers.push(
      Nodemailer({
        id: EMAIL_PROVIDER_ID,
        server: settings.mail.server,
        from: settings.mail.from,
        maxAge: SIGN_IN_LINK_MINUTES * 60,
        async sendVerificationRequest({ identifier, url }) {
          const link = pinToAppOrigin(url, settings.appUrl);
          await sendSignInMail({
            to: identifier,
            ...composeSignInMail({ url: link, validMinutes: SIGN_IN_LINK_MINUTES }),
          });
        },
      }),
    );
  }
  if (settings.oidc) {
    providers.push(buildOidcProvider(settings.oidc));
  }
  return providers;
}

/**
 * Resolves a redirect target to a URL on this app: relative paths and URLs
 * on the request's or the public origin are kept, anything else becomes the
 * dashboard.
 */
export function resolveRedirect(url: string, baseUrl: string, appUrl: string): string {
  const fallback = `${baseUrl}${DEFAULT_AFTER_SIGN_IN}`;
  if (isSameSitePath(url)) {
    return `${baseUrl}${url}`;
  }
  try {
    const target = new URL(url);
    const allowed = [new URL(baseUrl).origin, new URL(appUrl).origin];
    return allowed.includes(target.origin) ? target.toString() : fallback;
  } catch {
    return fallback;
  }
}

/** Auth.js reports refused sign-ins as AccessDenied errors; they are expected, not failures. */
function isExpectedAuthError(error: Error): boolean {
  const type = (error as { type?: unknown }).type;
  return type === "AccessDenied" || type === "Verification";
}

export function createAuthConfig(deps: AuthDependencies): NextAuthConfig {
  const { db, settings } = deps;

  return {
    secret: deps.secret,
    adapter: createStaffAdapter(db, { defaultRole: settings.defaultRole }),
    providers: buildProviders(settings, deps.sendSignInMail),
    session: { strategy: "database", maxAge: settings.sessionMaxAgeSeconds },
    // Auth.js builds callback URLs from the request's Host header. Emailed
    // links are pinned to APP_URL (see pinToAppOrigin) and redirects to
    // resolveRedirect's origins, and identity providers accept only their
    // registered redirect URI, so a forged Host header gains nothing.
    trustHost: true,
    useSecureCookies: settings.appUrl.startsWith("https:"),
    pages: {
      signIn: SIGN_IN_PAGE,
      error: SIGN_IN_PAGE,
      verifyRequest: CHECK_EMAIL_PAGE,
      signOut: SIGN_OUT_PAGE,
    },
    logger: {
      error(error) {
        if (isExpectedAuthError(error)) {
          logger.info(
            { type: (error as { type?: string }).type },
            "Auth.js refused a request",
          );
          return;
        }
        logger.error({ err: error }, "Auth.js error");
      },
      warn(code) {
        logger.warn({ code }, "Auth.js warning");
      },
      // Auth.js debug output includes tokens; it is never logged.
      debug() {},
    },
    callbacks: {
      async signIn({ user, account, profile, email }) {
        const provider = account?.provider ?? "unknown";
        const check = await checkStaffSignIn(db, settings.allowlist, {
          email: user.email,
          provider,
          stage: email?.verificationRequest ? "request" : "callback",
          ...(provider === OIDC_PROVIDER_ID && profile?.email_verified === false
            ? { emailVerified: false }
            : {}),
        });
        return check.allowed;
      },
      redirect({ url, baseUrl }) {
        return resolveRedirect(url, baseUrl, settings.appUrl);
      },
    },
    events: {
      async signIn({ user, account, isNewUser }) {
        if (!user.id) {
          return;
        }
        await recordAuditEvent(db, {
          actorType: "staff",
          actorId: user.id,
          action: "staff.signed_in",
          details: {
            provider: account?.provider ?? "unknown",
            newUser: Boolean(isNewUser),
          },
        });
      },
      async signOut(message) {
        const session = "session" in message ? message.session : null;
        if (!session) {
          return;
        }
        await recordAuditEvent(db, {
          actorType: "staff",
          actorId: session.userId,
          action: "staff.signed_out",
        });
      },
    },
  };
}
