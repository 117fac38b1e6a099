import "server-only";

import { getAuthSecret, getAuthSettings } from "@/lib/auth/runtime";
import { logger } from "@/lib/logger";

import { getActiveEncryptionKey, getConfig } from "./runtime";

/**
 * Validates the configuration and loads the encryption key and the Auth.js
 * secret. In production a missing key or AUTH_SECRET ends the process,
 * because a server that cannot store credentials or sign staff in safely
 * must not take traffic.
 */
export function checkStartupConfiguration(): void {
  try {
    const config = getConfig();
    const key = getActiveEncryptionKey();
    const auth = getAuthSettings();
    getAuthSecret();
    const staffSignIn = [auth.mail ? "email" : null, auth.oidc ? "sso" : null].filter(
      (method) => method !== null,
    );
    if (staffSignIn.length === 0) {
      logger.warn(
        "No staff sign-in method is configured, so the staff console cannot be used. " +
          "Set EMAIL_SERVER and EMAIL_FROM, or AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.",
      );
    }
    logger.info(
      {
        environment: config.environment,
        keyId: key.id,
        database: config.databaseUrl ? "postgresql" : "pglite",
        staffSignIn,
      },
      "Configuration loaded",
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.fatal({ reason: message }, "Refusing to start: invalid configuration");
    console.error(`\nHiBob Connect cannot start: ${message}\n`);
    process.exit(1);
  }
}
