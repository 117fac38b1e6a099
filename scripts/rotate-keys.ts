// Re-encrypts every stored HiBob token with the active key of the key ring.
//
//   CREDENTIAL_ENCRYPTION_KEYS="old:BASE64,new:BASE64" \
//   CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID=new npm run keys:rotate
//
// Safe to interrupt and run again. When it reports no credential left under
// an old key, that key can be removed from CREDENTIAL_ENCRYPTION_KEYS.
import { parseConfig } from "@/lib/config";
import { resolveKeyRing } from "@/lib/crypto/key-source";
import {
  countCredentialsByKey,
  reencryptCredentials,
} from "@/lib/credentials/rotate-keys";
import { openDatabase } from "@/lib/db/client";

async function main(): Promise<number> {
  const config = parseConfig(process.env);
  const ring = resolveKeyRing({
    env: process.env,
    dataDir: config.dataDir,
    production: config.environment === "production",
    warn: (message) => console.warn(`warning: ${message}`),
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  try {
    console.log(
      `Active key: ${ring.active.id}; configured keys: ${ring.keys.map((key) => key.id).join(", ")}`,
    );
    const report = await reencryptCredentials(database.prisma, ring, {
      onBatch: (progress) => console.log(`  re-encrypted ${progress.reencrypted} so far`),
    });
    console.log(
      `Re-encrypted ${report.reencrypted} credential(s); ${report.skipped} changed meanwhile and were left as they are.`,
    );
    for (const failure of report.failed) {
      console.error(
        `  failed: credential ${failure.credentialId} (key ${failure.keyId}): ${failure.reason}`,
      );
    }
    const counts = await countCredentialsByKey(database.prisma);
    console.log("Credentials per key:", counts);
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
