import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import {
  decryptSecret,
  encryptSecret,
  type EncryptionKey,
} from "@/lib/crypto/secret-box";
import type { DatabaseExecutor } from "@/lib/db/types";
import type { HibobCredential } from "@/lib/generated/prisma/client";

/** What may be shown about a stored credential. The token never leaves the server. */
export type CredentialSummary = {
  id: string;
  serviceUserId: string;
  tokenLastFour: string;
  storedAt: Date;
  rotatedAt: Date | null;
};

/** Binds a ciphertext to its customer and service user. */
function encryptionContext(customerId: string, serviceUserId: string): string {
  return `hibob-credential:${customerId}:${serviceUserId}`;
}

export function summarizeCredential(credential: HibobCredential): CredentialSummary {
  return {
    id: credential.id,
    serviceUserId: credential.serviceUserId,
    tokenLastFour: credential.tokenLastFour,
    storedAt: credential.createdAt,
    rotatedAt: credential.rotatedAt,
  };
}

export type StoreCredentialInput = {
  customerId: string;
  serviceUserId: string;
  token: string;
  key: EncryptionKey;
  now?: Date;
};

/** Result of storing: first credentials, new ones in place of others, or the same ones again. */
export type CredentialChange = "stored" | "replaced" | "unchanged";

/**
 * Encrypts and stores a customer's credentials, replacing any earlier ones.
 * The same service user and token submitted again (a double submit, say)
 * leave the stored row as it is. The caller has already checked that HiBob
 * accepts them.
 */
export async function storeCredential(
  db: DatabaseExecutor,
  input: StoreCredentialInput,
): Promise<{ credential: HibobCredential; change: CredentialChange }> {
  const now = input.now ?? new Date();
  const existing = await db.hibobCredential.findUnique({
    where: { customerId: input.customerId },
  });
  if (
    existing !== null &&
    existing.serviceUserId === input.serviceUserId &&
    isStoredToken(existing, input.key, input.token)
  ) {
    return { credential: existing, change: "unchanged" };
  }

  const fields = {
    serviceUserId: input.serviceUserId,
    encryptedToken: encryptSecret(
      input.token,
      input.key,
      encryptionContext(input.customerId, input.serviceUserId),
    ),
    keyId: input.key.id,
    tokenLastFour: input.token.slice(-4),
  };
  const credential = await db.hibobCredential.upsert({
    where: { customerId: input.customerId },
    create: { customerId: input.customerId, ...fields },
    update: { ...fields, rotatedAt: now },
  });
  return { credential, change: existing === null ? "stored" : "replaced" };
}

/**
 * Returns whether `token` is the stored token, compared in constant time.
 * A row that the key cannot decrypt counts as different, so it is replaced.
 */
function isStoredToken(
  stored: HibobCredential,
  key: EncryptionKey,
  token: string,
): boolean {
  if (stored.keyId !== key.id) {
    return false;
  }
  let storedToken: string;
  try {
    storedToken = decryptCredentialToken(stored, [key]);
  } catch {
    return false;
  }
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(storedToken), digest(token));
}

export class UnknownEncryptionKeyError extends Error {
  constructor(keyId: string) {
    super(
      `Stored credentials were encrypted with key "${keyId}", which is not configured. ` +
        "Restore that key or ask the customer to link their account again.",
    );
    this.name = "UnknownEncryptionKeyError";
  }
}

/** Decrypts a stored token for a server-side HiBob call. */
export function decryptCredentialToken(
  credential: Pick<
    HibobCredential,
    "customerId" | "serviceUserId" | "encryptedToken" | "keyId"
  >,
  keys: readonly EncryptionKey[],
): string {
  const key = keys.find((candidate) => candidate.id === credential.keyId);
  if (!key) {
    throw new UnknownEncryptionKeyError(credential.keyId);
  }
  return decryptSecret(
    credential.encryptedToken,
    key,
    encryptionContext(credential.customerId, credential.serviceUserId),
  );
}

/** Decrypts a stored token and encrypts it again under `activeKey`. */
export function reencryptCredentialToken(
  credential: Pick<
    HibobCredential,
    "customerId" | "serviceUserId" | "encryptedToken" | "keyId"
  >,
  keys: readonly EncryptionKey[],
  activeKey: EncryptionKey,
): string {
  const token = decryptCredentialToken(credential, keys);
  return encryptSecret(
    token,
    activeKey,
    encryptionContext(credential.customerId, credential.serviceUserId),
  );
}
