// Authenticated encryption for secrets stored in the database.
//
// AES-256-GCM with a random 96-bit IV per value. The stored form is
// `v1.<iv>.<ciphertext>.<tag>` in base64url. The id of the key that encrypted
// it is stored beside it. That id and a caller-given context are bound into
// the additional authenticated data, so the tag check fails for a value read
// under another key id or moved to another row.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const FORMAT_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export type EncryptionKey = {
  id: string;
  key: Buffer;
};

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

function additionalData(keyId: string, context: string): Buffer {
  return Buffer.from(`${FORMAT_VERSION}\u0000${keyId}\u0000${context}`, "utf8");
}

function assertKeyLength(key: EncryptionKey): void {
  if (key.key.length !== KEY_BYTES) {
    throw new Error(
      `Encryption key "${key.id}" is ${key.key.length} bytes long; AES-256-GCM needs ${KEY_BYTES}.`,
    );
  }
}

/**
 * Encrypts `plaintext` with `key`. `context` names what the value belongs to
 * (for example a customer id); decryption must pass the same context.
 */
export function encryptSecret(
  plaintext: string,
  key: EncryptionKey,
  context: string,
): string {
  assertKeyLength(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(key.id, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();

  return [FORMAT_VERSION, iv, ciphertext, tag]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/**
 * Decrypts a value made by `encryptSecret`. Throws `DecryptionError` when the
 * payload is malformed, the key is wrong or the value was changed.
 */
export function decryptSecret(
  payload: string,
  key: EncryptionKey,
  context: string,
): string {
  assertKeyLength(key);
  const parts = payload.split(".");
  if (parts.length !== 4 || parts[0] !== FORMAT_VERSION) {
    throw new DecryptionError("Encrypted value has an unknown format.");
  }
  const [, ivText = "", ciphertextText = "", tagText = ""] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const ciphertext = Buffer.from(ciphertextText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new DecryptionError("Encrypted value has an invalid IV or authentication tag.");
  }

  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(additionalData(key.id, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError(
      "Encrypted value failed its integrity check: wrong key, wrong context or tampered data.",
    );
  }
}

/** Parses a base64 key from configuration and checks its length. */
export function parseEncryptionKey(id: string, base64Key: string): EncryptionKey {
  const trimmed = base64Key.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new Error(`Encryption key "${id}" is not valid base64.`);
  }
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `Encryption key "${id}" decodes to ${key.length} bytes; it must be ${KEY_BYTES} bytes ` +
        "(generate one with `openssl rand -base64 32`).",
    );
  }
  return { id, key };
}

export function generateEncryptionKey(id: string): EncryptionKey {
  return { id, key: randomBytes(KEY_BYTES) };
}
