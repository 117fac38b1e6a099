import { describe, expect, test } from "vitest";

import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKey,
} from "@/lib/crypto/secret-box";

const key = generateEncryptionKey("k1");
const context = "hibob-credential:customer-1:SERVICE-1";

function flipCharacter(text: string, index: number): string {
  const replacement = text[index] === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("encryptSecret and decryptSecret", () => {
  test("round trip returns the plaintext", () => {
    const payload = encryptSecret("s3cr3t-token-value", key, context);
    expect(decryptSecret(payload, key, context)).toBe("s3cr3t-token-value");
  });

  test("round trip keeps unicode intact", () => {
    const payload = encryptSecret("tökén-✓-🔑", key, context);
    expect(decryptSecret(payload, key, context)).toBe("tökén-✓-🔑");
  });

  test("ciphertext hides the plaintext", () => {
    const payload = encryptSecret("visible-token-123", key, context);
    expect(payload).not.toContain("visible-token-123");
    expect(payload.startsWith("v1.")).toBe(true);
  });

  test("each encryption uses a fresh IV", () => {
    const first = encryptSecret("same", key, context);
    const second = encryptSecret("same", key, context);
    expect(first).not.toBe(second);
    expect(first.split(".")[1]).not.toBe(second.split(".")[1]);
  });

  test("IV is 96 bits", () => {
    const payload = encryptSecret("value", key, context);
    expect(Buffer.from(payload.split(".")[1] ?? "", "base64url")).toHaveLength(12);
  });

  test.each([
    ["iv", 1],
    ["ciphertext", 2],
    ["tag", 3],
  ])("tampered %s is rejected", (_name, part) => {
    const parts = encryptSecret("tamper-me", key, context).split(".");
    parts[part] = flipCharacter(parts[part] ?? "", 2);
    expect(() => decryptSecret(parts.join("."), key, context)).toThrow(DecryptionError);
  });

  test("wrong key is rejected", () => {
    const payload = encryptSecret("value", key, context);
    const otherKey = { id: "k1", key: generateEncryptionKey("k1").key };
    expect(() => decryptSecret(payload, otherKey, context)).toThrow(DecryptionError);
  });

  test("wrong key id is rejected", () => {
    const payload = encryptSecret("value", key, context);
    expect(() => decryptSecret(payload, { id: "k2", key: key.key }, context)).toThrow(
      DecryptionError,
    );
  });

  test("wrong context is rejected", () => {
    const payload = encryptSecret("value", key, context);
    expect(() => decryptSecret(payload, key, "hibob-credential:other:SERVICE-1")).toThrow(
      DecryptionError,
    );
  });

  test.each(["", "v1.abc", "v2.a.b.c", "not-a-payload"])(
    "malformed %j is rejected",
    (payload) => {
      expect(() => decryptSecret(payload, key, context)).toThrow(DecryptionError);
    },
  );

  test("error messages do not contain the key", () => {
    const payload = encryptSecret("value", key, context);
    try {
      decryptSecret(payload, { id: "k1", key: Buffer.alloc(32, 7) }, context);
      expect.unreachable("decryption with the wrong key succeeded");
    } catch (error) {
      expect(String(error)).not.toContain(key.key.toString("base64"));
    }
  });
});

describe("parseEncryptionKey", () => {
  test("accepts 32 bytes of base64", () => {
    const base64 = Buffer.alloc(32, 1).toString("base64");
    expect(parseEncryptionKey("k", base64).key).toHaveLength(32);
  });

  test("rejects a short key with a hint", () => {
    expect(() => parseEncryptionKey("k", Buffer.alloc(16).toString("base64"))).toThrow(
      /16 bytes.*openssl rand -base64 32/,
    );
  });

  test("rejects text that is not base64", () => {
    expect(() => parseEncryptionKey("k", "not base64!")).toThrow(/not valid base64/);
  });
});
