import "server-only";

import { logger } from "@/lib/logger";
import { getConfig } from "@/lib/server/runtime";

import { parseAuthSettings, type AuthSettings } from "./auth-env";
import { resolveAuthSecret } from "./auth-secret";

let cachedSettings: AuthSettings | undefined;
let cachedSecret: string | undefined;

/** Returns the staff sign-in settings of this process, read from the environment once. */
export function getAuthSettings(): AuthSettings {
  if (!cachedSettings) {
    const config = getConfig();
    cachedSettings = parseAuthSettings(process.env, {
      appUrl: config.appUrl,
      deployment: config.deployment,
    });
  }
  return cachedSettings;
}

/** Returns AUTH_SECRET, or outside production the development secret in the data folder. */
export function getAuthSecret(): string {
  if (!cachedSecret) {
    const config = getConfig();
    cachedSecret = resolveAuthSecret({
      env: process.env,
      dataDir: config.dataDir,
      production: config.deployment === "production",
      warn: (message) => logger.warn(message),
    });
  }
  return cachedSecret;
}
