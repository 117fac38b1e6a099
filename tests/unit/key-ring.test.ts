import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, test, vi } from "vitest";

import { resolveKeyRing } from "@/lib/crypto/key-source";

const keyA = Buffer.alloc(32, 1).toString("base64");
const keyB = Buffer.alloc(32, 2).toString("base64");

function ring(env: Record<string, string>) {
  return resolveKeyRing({
    env,
    dataDir: mkdtempSync(path.join(tmpdir(), "key-ring-")),
    production: true,
    warn: vi.fn(),
  });
}

describe("resolveKeyRing", () => {
  test("list with an active id", () => {
    const result = ring({
      CREDENTIAL_ENCRYPTION_KEYS: `old:${keyA}, new:${keyB}`,
      CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID: "new",
    });
    expect(result.active.id).toBe("new");
    expect(result.keys.map((key) => key.id)).toEqual(["old", "new"]);
  });

  test("single key is a ring of one", () => {
    const result = ring({
      CREDENTIAL_ENCRYPTION_KEY: keyA,
      CREDENTIAL_ENCRYPTION_KEY_ID: "only",
    });
    expect(result.active.id).toBe("only");
    expect(result.keys).toHaveLength(1);
  });

  test("missing active id is rejected", () => {
    expect(() => ring({ CREDENTIAL_ENCRYPTION_KEYS: `a:${keyA}` })).toThrow(
      /CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID is not set/,
    );
  });

  test("unknown active id is rejected", () => {
    expect(() =>
      ring({
        CREDENTIAL_ENCRYPTION_KEYS: `a:${keyA}`,
        CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID: "b",
      }),
    ).toThrow(/"b", which is not in CREDENTIAL_ENCRYPTION_KEYS \(ids: a\)/);
  });

  test("duplicate id is rejected", () => {
    expect(() =>
      ring({
        CREDENTIAL_ENCRYPTION_KEYS: `a:${keyA},a:${keyB}`,
        CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID: "a",
      }),
    ).toThrow(/twice/);
  });

  test.each(["nokey", ":abc", "bad id:abc"])(
    "malformed entry %j is rejected",
    (entry) => {
      expect(() =>
        ring({
          CREDENTIAL_ENCRYPTION_KEYS: entry,
          CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID: "x",
        }),
      ).toThrow(/id:base64key/);
    },
  );

  test("errors never contain key material", () => {
    try {
      ring({
        CREDENTIAL_ENCRYPTION_KEYS: `a:${keyA}`,
        CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID: "b",
      });
    } catch (error) {
      expect(String(error)).not.toContain(keyA);
    }
  });
});
