// Database location settings: DATABASE_URL and the PGlite data directory.
import path from "node:path";

/** PGlite's `dataDir` value for a database that lives only in memory. */
export const IN_MEMORY_PGLITE = "memory://";

type Env = Record<string, string | undefined>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Returns `DATABASE_URL`, or undefined when it is unset or blank. */
export function resolveDatabaseUrl(env: Env = process.env): string | undefined {
  return nonEmpty(env.DATABASE_URL);
}

/**
 * Returns the absolute PGlite data directory: `PGLITE_DATA_DIR` if set, else
 * `pglite` inside `DATA_DIR` (default `.data`). Relative paths are resolved
 * against the working directory, which is the project folder for npm scripts
 * and Next.js. `memory://` is returned unchanged.
 */
export function resolvePgliteDataDir(env: Env = process.env): string {
  const explicit = nonEmpty(env.PGLITE_DATA_DIR);
  if (explicit?.startsWith(IN_MEMORY_PGLITE)) {
    return explicit;
  }
  if (explicit) {
    return path.resolve(explicit);
  }
  return path.resolve(nonEmpty(env.DATA_DIR) ?? ".data", "pglite");
}
