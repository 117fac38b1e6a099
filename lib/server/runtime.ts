import "server-only";

import { parseConfig, type AppConfig } from "@/lib/config";
import { resolveEncryptionKey } from "@/lib/crypto/key-source";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import type { HibobEnvironment } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { runProbe } from "@/lib/probe/engine";
import type { HibobConnection } from "@/lib/probe-runs/service";

let cachedConfig: AppConfig | undefined;
let cachedKey: EncryptionKey | undefined;

export function getConfig(): AppConfig {
  cachedConfig ??= parseConfig(process.env);
  return cachedConfig;
}

/** The key that encrypts new credentials. */
export function getActiveEncryptionKey(): EncryptionKey {
  if (!cachedKey) {
    const config = getConfig();
    cachedKey = resolveEncryptionKey({
      env: process.env,
      dataDir: config.dataDir,
      production: config.environment === "production",
      warn: (message) => logger.warn(message),
    });
  }
  return cachedKey;
}

/** Every key that may decrypt stored credentials. */
export function getDecryptionKeys(): EncryptionKey[] {
  return [getActiveEncryptionKey()];
}

/** HiBob's address for an environment comes from server configuration only. */
export function getHibobConnection(environment: HibobEnvironment): HibobConnection {
  const config = getConfig();
  return {
    baseUrl: config.hibobBaseUrls[environment],
    timeoutMs: config.hibobTimeoutMs,
    runProbe: (options) => runProbe({ ...options, logger: options.logger ?? logger }),
  };
}
