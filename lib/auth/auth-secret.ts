// Finds the secret Auth.js uses to sign its cookies and hash sign-in tokens.
//
// Production reads AUTH_SECRET and refuses to run without one. Development
// and tests fall back to a secret file in the data folder, created on first
// use, the same way the development encryption key is created.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const AUTH_SECRET_HINT =
  "Generate one with `openssl rand -base64 32` and set it as AUTH_SECRET.";

/** Shortest AUTH_SECRET accepted, in characters; 32 random bytes in base64 are 44. */
export const MIN_AUTH_SECRET_LENGTH = 32;

export class AuthSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthSecretError";
  }
}

export type AuthSecretOptions = {
  env: Record<string, string | undefined>;
  dataDir: string;
  production: boolean;
  warn: (message: string) => void;
};

const LOCAL_SECRET_FILE = "auth-secret.json";

function readLocalSecret(file: string): string {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  const secret = (parsed as { secret?: unknown } | null)?.secret;
  if (typeof secret !== "string" || secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new AuthSecretError(
      `Local secret file ${file} is malformed. Delete it: a new one is created and everyone signs in again.`,
    );
  }
  return secret;
}

/** Returns AUTH_SECRET, or outside production a generated secret kept in the data folder. */
export function resolveAuthSecret(options: AuthSecretOptions): string {
  const configured = options.env.AUTH_SECRET?.trim();
  if (configured) {
    if (configured.length < MIN_AUTH_SECRET_LENGTH) {
      throw new AuthSecretError(
        `AUTH_SECRET is shorter than ${MIN_AUTH_SECRET_LENGTH} characters. ${AUTH_SECRET_HINT}`,
      );
    }
    return configured;
  }
  if (options.production) {
    throw new AuthSecretError(
      `AUTH_SECRET is not set, and a production server does not create secrets on its own. ${AUTH_SECRET_HINT}`,
    );
  }

  const file = path.join(options.dataDir, LOCAL_SECRET_FILE);
  if (existsSync(file)) {
    return readLocalSecret(file);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  try {
    writeFileSync(file, JSON.stringify({ secret }) + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process of the same local run created it first; use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return readLocalSecret(file);
    }
    throw error;
  }
  chmodSync(file, 0o600);
  options.warn(
    `AUTH_SECRET is not set, so a development secret was created at ${file}. ` +
      `Do not use it in production. ${AUTH_SECRET_HINT}`,
  );
  return secret;
}
