import "server-only";

import { parseConfig, type AppConfig } from "@/lib/config";
import { resolveKeyRing, type KeyRing } from "@/lib/crypto/key-source";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import type { HibobEnvironment } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { runProbe } from "@/lib/probe/engine";
import type { HibobConnection } from "@/lib/probe-runs/service";

let cachedConfig: AppConfig | undefined;
let cachedKeyRing: KeyRing | undefined;

export function getConfig(): AppConfig {
  cachedConfig ??= parseConfig(process.env);
  return cachedConfig;
}

function getKeyRing(): KeyRing {
  if (!cachedKeyRing) {
    const config = getConfig();
    cachedKeyRing = resolveKeyRing({
      env: process.env,
      dataDir: config.dataDir,
      production: config.environment === "production",
      warn: (message) => logger.warn(message),
    });
  }
  return cachedKeyRing;
}

/** The key that encrypts new credentials. */
export function getActiveEncryptionKey(): EncryptionKey {
  return getKeyRing().active;
}

/** Every configured key; stored credentials name the one that decrypts them. */
export function getDecryptionKeys(): EncryptionKey[] {
  return getKeyRing().keys;
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
