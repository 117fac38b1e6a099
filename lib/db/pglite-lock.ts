// An exclusive, per-process lock on a PGlite data directory.
//
// PGlite 0.4 does not lock its data directory. Measured on Node.js 20 with
// @electric-sql/pglite 0.4.3: two processes opened the same directory without
// an error, both inserted rows, and the rows written by the process that
// closed first were lost. This lock turns that silent loss into an error.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export const PGLITE_LOCK_FILE = "hibob-connect.lock";

export class PgliteLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PgliteLockError";
  }
}

function readLockOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Creates `hibob-connect.lock` with this process id inside `dataDir`, and
 * returns a function that removes it. The file is also removed when the
 * process exits normally. A lock left by a process that is no longer running
 * is taken over.
 *
 * @throws PgliteLockError when a running process, this one included, holds the lock.
 */
export function lockPgliteDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, PGLITE_LOCK_FILE);

  // Two attempts: the second one follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let descriptor: number;
    try {
      descriptor = openSync(lockPath, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const owner = readLockOwner(lockPath);
      if (owner !== undefined && isProcessRunning(owner)) {
        throw new PgliteLockError(
          `The PGlite data directory ${dataDir} is already open in process ${owner}. ` +
            "PGlite supports one process at a time, so stop that process (for example " +
            "`npm run dev`) before opening the database again, or set DATABASE_URL to use " +
            `PostgreSQL. If no such process uses the directory, delete ${lockPath}.`,
        );
      }
      // NOTE: two processes that take over the same stale lock at the same
      // moment can both succeed. The window is a few system calls wide.
      rmSync(lockPath, { force: true });
      continue;
    }

    writeSync(descriptor, String(process.pid));
    closeSync(descriptor);

    let released = false;
    const release = () => {
      if (released) {
        return;
      }
      released = true;
      process.off("exit", release);
      rmSync(lockPath, { force: true });
    };
    process.on("exit", release);
    return release;
  }

  throw new PgliteLockError(
    `Could not lock the PGlite data directory ${dataDir}: another process keeps ` +
      `creating ${lockPath}. Stop the other process and try again.`,
  );
}
