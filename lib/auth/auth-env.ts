// Staff sign-in settings read from the environment: the allowlist, the role
// of allowlisted newcomers, the company SSO (OpenID Connect) client and the
// SMTP settings for sign-in mails.
import { z } from "zod";

import type { DeploymentEnvironment } from "@/lib/config";
import { parseMailConfig, type MailConfig } from "@/lib/mail/mail-config";

import { parseAllowlist, type StaffAllowlist } from "./allowlist";
import type { StaffRole } from "./types";

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button: "Continue with <name>". */
  name: string;
};

export type AuthSettings = {
  /** The public origin, used in emailed sign-in links and allowed redirects. */
  appUrl: string;
  production: boolean;
  allowlist: StaffAllowlist;
  /** Role given to an allowlisted address on its first sign-in. */
  defaultRole: StaffRole;
  oidc: OidcSettings | null;
  mail: MailConfig | null;
  sessionMaxAgeSeconds: number;
};

export class AuthSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthSettingsError";
  }
}

const DEFAULT_SESSION_HOURS = 12;
const DEFAULT_OIDC_NAME = "company SSO";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const roleSchema = z.enum(["csm", "support", "admin"]);

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Reads AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET and
 * AUTH_OIDC_NAME. Returns null when none of the first three is set, and
 * throws when only some are.
 */
export function parseOidcSettings(
  env: Record<string, string | undefined>,
  deployment: DeploymentEnvironment,
): OidcSettings | null {
  const issuer = blankToUndefined(env.AUTH_OIDC_ISSUER);
  const clientId = blankToUndefined(env.AUTH_OIDC_CLIENT_ID);
  const clientSecret = blankToUndefined(env.AUTH_OIDC_CLIENT_SECRET);
  if (!issuer && !clientId && !clientSecret) {
    return null;
  }
  const missing = [
    ["AUTH_OIDC_ISSUER", issuer],
    ["AUTH_OIDC_CLIENT_ID", clientId],
    ["AUTH_OIDC_CLIENT_SECRET", clientSecret],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0 || !issuer || !clientId || !clientSecret) {
    throw new AuthSettingsError(
      `Company SSO is half configured: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing. ` +
        "Set all of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or none.",
    );
  }

  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new AuthSettingsError(
      "AUTH_OIDC_ISSUER must be the issuer URL of your identity provider, for example https://login.example.com/realms/staff.",
    );
  }
  const httpAllowed =
    deployment !== "production" && LOOPBACK_HOSTS.has(issuerUrl.hostname);
  if (
    issuerUrl.protocol !== "https:" &&
    !(httpAllowed && issuerUrl.protocol === "http:")
  ) {
    throw new AuthSettingsError(
      "AUTH_OIDC_ISSUER must use https (plain http only for a loopback address outside production).",
    );
  }

  return {
    // Discovery appends /.well-known/openid-configuration, so no trailing slash.
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    name: blankToUndefined(env.AUTH_OIDC_NAME) ?? DEFAULT_OIDC_NAME,
  };
}

function parseSessionHours(value: string | undefined): number {
  const raw = blankToUndefined(value);
  if (raw === undefined) {
    return DEFAULT_SESSION_HOURS;
  }
  const hours = Number(raw);
  if (!Number.isInteger(hours) || hours < 1 || hours > 720) {
    throw new AuthSettingsError(
      "STAFF_SESSION_HOURS must be a whole number of hours from 1 to 720.",
    );
  }
  return hours;
}

/**
 * Reads every staff sign-in setting. Throws AuthSettingsError (or the
 * allowlist's and mail settings' own errors) naming the variable to fix.
 */
export function parseAuthSettings(
  env: Record<string, string | undefined>,
  base: { appUrl: string; deployment: DeploymentEnvironment },
): AuthSettings {
  const roleValue = blankToUndefined(env.STAFF_DEFAULT_ROLE)?.toLowerCase() ?? "csm";
  const role = roleSchema.safeParse(roleValue);
  if (!role.success) {
    throw new AuthSettingsError(
      `STAFF_DEFAULT_ROLE must be csm, support or admin, not "${roleValue}".`,
    );
  }

  return {
    appUrl: base.appUrl.replace(/\/+$/, ""),
    production: base.deployment === "production",
    allowlist: parseAllowlist(env.STAFF_ALLOWED_EMAILS, env.STAFF_ALLOWED_DOMAINS),
    defaultRole: role.data,
    oidc: parseOidcSettings(env, base.deployment),
    mail: parseMailConfig(env),
    sessionMaxAgeSeconds: parseSessionHours(env.STAFF_SESSION_HOURS) * 3600,
  };
}
