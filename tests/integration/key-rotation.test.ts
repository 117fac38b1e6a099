// Key rotation against a real database: credentials written under one key
// end up under the active key, and the run can be interrupted and repeated.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { generateEncryptionKey } from "@/lib/crypto/secret-box";
import {
  countCredentialsByKey,
  reencryptCredentials,
} from "@/lib/credentials/rotate-keys";
import { decryptCredentialToken, storeCredential } from "@/lib/credentials/service";
import type { Database } from "@/lib/db/types";

import { createTestDatabase, type TestDatabase } from "../support/database";

const oldKey = generateEncryptionKey("2026-01");
const newKey = generateEncryptionKey("2026-12");

let database: TestDatabase;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase({ label: "keys" });
  db = database.prisma;
});

afterAll(async () => {
  await database?.close();
});

async function storeUnderOldKey(count: number): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    const customer = await db.customer.create({
      data: { companyName: `Rotation ${index}` },
    });
    const token = `token-${index}-${customer.id}`;
    await storeCredential(db, {
      customerId: customer.id,
      serviceUserId: `SERVICE-${index}`,
      token,
      key: oldKey,
    });
    tokens.set(customer.id, token);
  }
  return tokens;
}

describe("reencryptCredentials", () => {
  test("moves every credential to the active key", async () => {
    const tokens = await storeUnderOldKey(5);

    const report = await reencryptCredentials(
      db,
      { active: newKey, keys: [oldKey, newKey] },
      { batchSize: 2 },
    );

    expect(report.reencrypted).toBeGreaterThanOrEqual(5);
    expect(report.failed).toEqual([]);
    for (const [customerId, token] of tokens) {
      const stored = await db.hibobCredential.findUniqueOrThrow({
        where: { customerId },
      });
      expect(stored.keyId).toBe(newKey.id);
      // The old key is no longer needed to read it.
      expect(decryptCredentialToken(stored, [newKey])).toBe(token);
    }
    expect((await countCredentialsByKey(db))[oldKey.id]).toBeUndefined();
  });

  test("second run changes nothing", async () => {
    await storeUnderOldKey(2);
    const ring = { active: newKey, keys: [oldKey, newKey] };
    await reencryptCredentials(db, ring);

    const again = await reencryptCredentials(db, ring);

    expect(again.reencrypted).toBe(0);
    expect(again.failed).toEqual([]);
  });

  test("interrupted run completes when repeated", async () => {
    const tokens = await storeUnderOldKey(4);
    const ring = { active: newKey, keys: [oldKey, newKey] };

    await expect(
      reencryptCredentials(db, ring, {
        batchSize: 1,
        onBatch: () => {
          throw new Error("simulated crash after the first batch");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const midway = await countCredentialsByKey(db);
    expect(midway[oldKey.id]).toBeGreaterThan(0);

    await reencryptCredentials(db, ring);

    for (const [customerId, token] of tokens) {
      const stored = await db.hibobCredential.findUniqueOrThrow({
        where: { customerId },
      });
      expect(decryptCredentialToken(stored, [newKey])).toBe(token);
    }
  });

  test("credential under an unknown key is reported", async () => {
    const stranger = generateEncryptionKey("lost");
    const customer = await db.customer.create({ data: { companyName: "Lost key" } });
    await storeCredential(db, {
      customerId: customer.id,
      serviceUserId: "SERVICE-LOST",
      token: "token-under-a-lost-key",
      key: stranger,
    });

    const report = await reencryptCredentials(db, {
      active: newKey,
      keys: [oldKey, newKey],
    });

    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.keyId).toBe("lost");
    expect(report.failed[0]?.reason).toMatch(/not configured/);
    expect(JSON.stringify(report)).not.toContain("token-under-a-lost-key");
  });
});
