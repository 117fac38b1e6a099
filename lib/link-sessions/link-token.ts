// Link tokens: 256 random bits in base64url, stored only as a SHA-256 hash.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_BYTES = 32;
/** 32 bytes in unpadded base64url. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function isWellFormedLinkToken(value: string): boolean {
  return LINK_TOKEN_PATTERN.test(value);
}

/** Returns the lowercase hex SHA-256 of a link token, as stored in the database. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares a presented token with a stored hash in constant time. */
export function linkTokenMatchesHash(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashLinkToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
