import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import type { KeyRing } from "@/lib/crypto/key-source";
import type { Database } from "@/lib/db/types";

import { reencryptCredentialToken } from "./service";

export type KeyRotationReport = {
  activeKeyId: string;
  /** Credentials now encrypted with the active key by this run. */
  reencrypted: number;
  /** Credentials a concurrent change had already replaced; they need nothing. */
  skipped: number;
  failed: { credentialId: string; keyId: string; reason: string }[];
};

export type KeyRotationOptions = {
  batchSize?: number;
  /** Called after each batch, for progress output. */
  onBatch?: (report: KeyRotationReport) => void;
};

/**
 * Re-encrypts every stored credential that is not under the active key.
 * Each row is updated on its own and only if it still holds the ciphertext
 * that was read, so the run can be interrupted and started again, and a
 * customer re-linking at the same time wins. Running it twice is harmless.
 */
export async function reencryptCredentials(
  db: Database,
  ring: KeyRing,
  options: KeyRotationOptions = {},
): Promise<KeyRotationReport> {
  const batchSize = options.batchSize ?? 100;
  const report: KeyRotationReport = {
    activeKeyId: ring.active.id,
    reencrypted: 0,
    skipped: 0,
    failed: [],
  };

  let afterId: string | undefined;
  for (;;) {
    const batch = await db.hibobCredential.findMany({
      where: {
        keyId: { not: ring.active.id },
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        customerId: true,
        serviceUserId: true,
        encryptedToken: true,
        keyId: true,
      },
    });
    if (batch.length === 0) {
      break;
    }

    for (const credential of batch) {
      let encryptedToken: string;
      try {
        encryptedToken = reencryptCredentialToken(credential, ring.keys, ring.active);
      } catch (error) {
        report.failed.push({
          credentialId: credential.id,
          keyId: credential.keyId,
          reason: error instanceof Error ? error.message : String(error),
        });
        continue;
      }
      const { count } = await db.hibobCredential.updateMany({
        where: {
          id: credential.id,
          keyId: credential.keyId,
          encryptedToken: credential.encryptedToken,
        },
        data: { encryptedToken, keyId: ring.active.id },
      });
      if (count === 1) {
        report.reencrypted += 1;
      } else {
        report.skipped += 1;
      }
    }
    afterId = batch[batch.length - 1]?.id;
    options.onBatch?.(report);
  }

  if (report.reencrypted > 0 || report.failed.length > 0) {
    await recordAuditEvent(db, {
      actorType: "system",
      action: "credentials.reencrypted",
      details: {
        activeKeyId: report.activeKeyId,
        reencrypted: report.reencrypted,
        failed: report.failed.length,
      },
    });
  }
  return report;
}

/** Counts stored credentials per key id, to tell when an old key can be removed. */
export async function countCredentialsByKey(
  db: Database,
): Promise<Record<string, number>> {
  const groups = await db.hibobCredential.groupBy({
    by: ["keyId"],
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.keyId, group._count._all]));
}
