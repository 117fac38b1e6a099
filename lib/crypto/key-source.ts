// Finds the key that encrypts stored HiBob tokens.
//
// Production reads it from CREDENTIAL_ENCRYPTION_KEY (32 bytes, base64) and
// refuses to run without one. Development and tests fall back to a key file in
// the data folder, created on first use, so a newcomer needs no setup.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  generateEncryptionKey,
  parseEncryptionKey,
  type EncryptionKey,
} from "./secret-box";

export const KEY_GENERATION_HINT =
  "Generate one with `openssl rand -base64 32` (or `node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"`) " +
  "and set it as CREDENTIAL_ENCRYPTION_KEY.";

export class MissingEncryptionKeyError extends Error {
  constructor() {
    super(
      "CREDENTIAL_ENCRYPTION_KEY is not set, and a production server does not create keys " +
        `on its own. ${KEY_GENERATION_HINT}`,
    );
    this.name = "MissingEncryptionKeyError";
  }
}

export type KeySourceOptions = {
  env: Record<string, string | undefined>;
  dataDir: string;
  production: boolean;
  warn: (message: string) => void;
};

const LOCAL_KEY_FILE = "credential-key.json";
const DEFAULT_KEY_ID = "primary";

function readLocalKey(file: string): EncryptionKey {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    typeof (parsed as { id?: unknown }).id !== "string" ||
    typeof (parsed as { key?: unknown }).key !== "string"
  ) {
    throw new Error(
      `Local key file ${file} is malformed; delete it only if no credentials use it.`,
    );
  }
  const { id, key } = parsed as { id: string; key: string };
  return parseEncryptionKey(id, key);
}

/** Returns the active encryption key, creating a local one outside production. */
export function resolveEncryptionKey(options: KeySourceOptions): EncryptionKey {
  const configured = options.env.CREDENTIAL_ENCRYPTION_KEY?.trim();
  if (configured) {
    const id = options.env.CREDENTIAL_ENCRYPTION_KEY_ID?.trim() || DEFAULT_KEY_ID;
    return parseEncryptionKey(id, configured);
  }
  if (options.production) {
    throw new MissingEncryptionKeyError();
  }

  const file = path.join(options.dataDir, LOCAL_KEY_FILE);
  if (existsSync(file)) {
    return readLocalKey(file);
  }

  mkdirSync(options.dataDir, { recursive: true });
  const key = generateEncryptionKey("local");
  writeFileSync(
    file,
    JSON.stringify({ id: key.id, key: key.key.toString("base64") }) + "\n",
    {
      mode: 0o600,
      flag: "wx",
    },
  );
  chmodSync(file, 0o600);
  options.warn(
    `CREDENTIAL_ENCRYPTION_KEY is not set, so a development key was created at ${file}. ` +
      `Do not use it in production. ${KEY_GENERATION_HINT}`,
  );
  return key;
}

/** Every key that may decrypt stored values, and the one that encrypts new ones. */
export type KeyRing = {
  active: EncryptionKey;
  keys: EncryptionKey[];
};

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Parses CREDENTIAL_ENCRYPTION_KEYS, a comma-separated list of `id:base64key`
 * entries, with CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID naming the key for new
 * values. Without the list, the single key from `resolveEncryptionKey` is the
 * whole ring.
 */
export function resolveKeyRing(options: KeySourceOptions): KeyRing {
  const list = options.env.CREDENTIAL_ENCRYPTION_KEYS?.trim();
  if (!list) {
    const key = resolveEncryptionKey(options);
    return { active: key, keys: [key] };
  }

  const keys: EncryptionKey[] = [];
  for (const entry of list
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    if (!KEY_ID_PATTERN.test(id)) {
      throw new Error(
        "CREDENTIAL_ENCRYPTION_KEYS must be a comma-separated list of id:base64key entries; " +
          "ids use letters, digits, dot, dash or underscore (at most 64).",
      );
    }
    if (keys.some((key) => key.id === id)) {
      throw new Error(`CREDENTIAL_ENCRYPTION_KEYS lists the key id "${id}" twice.`);
    }
    keys.push(parseEncryptionKey(id, entry.slice(separator + 1)));
  }

  const activeId = options.env.CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID?.trim();
  if (!activeId) {
    throw new Error(
      "CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID is not set. Name the key in CREDENTIAL_ENCRYPTION_KEYS that encrypts new credentials.",
    );
  }
  const active = keys.find((key) => key.id === activeId);
  if (!active) {
    throw new Error(
      `CREDENTIAL_ENCRYPTION_ACTIVE_KEY_ID is "${activeId}", which is not in CREDENTIAL_ENCRYPTION_KEYS (ids: ${keys.map((key) => key.id).join(", ")}).`,
    );
  }
  return { active, keys };
}
