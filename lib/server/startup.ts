import "server-only";

import { logger } from "@/lib/logger";

import { getActiveEncryptionKey, getConfig } from "./runtime";

/**
 * Validates the configuration and loads the encryption key. In production a
 * missing key ends the process, because a server that cannot store
 * credentials must not take traffic.
 */
export function checkStartupConfiguration(): void {
  try {
    const config = getConfig();
    const key = getActiveEncryptionKey();
    logger.info(
      {
        environment: config.environment,
        keyId: key.id,
        database: config.databaseUrl ? "postgresql" : "pglite",
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
