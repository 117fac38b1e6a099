import { describe, expect, test } from "vitest";

import {
  createLinkToken,
  hashLinkToken,
  isWellFormedLinkToken,
  linkTokenMatchesHash,
} from "@/lib/link-sessions/link-token";

describe("link tokens", () => {
  test("token carries 256 random bits", () => {
    const token = createLinkToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedLinkToken(token)).toBe(true);
  });

  test("tokens are unique", () => {
    const tokens = new Set(Array.from({ length: 1000 }, createLinkToken));
    expect(tokens.size).toBe(1000);
  });

  test("hash is SHA-256 hex", () => {
    expect(hashLinkToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("hash matches only its token", () => {
    const token = createLinkToken();
    const hash = hashLinkToken(token);
    expect(linkTokenMatchesHash(token, hash)).toBe(true);
    expect(linkTokenMatchesHash(createLinkToken(), hash)).toBe(false);
    expect(linkTokenMatchesHash(token, "00")).toBe(false);
  });

  test.each(["", "short", "a".repeat(44), "a".repeat(42) + "!", "../".repeat(15)])(
    "malformed token %j is rejected",
    (value) => {
      expect(isWellFormedLinkToken(value)).toBe(false);
    },
  );
});
