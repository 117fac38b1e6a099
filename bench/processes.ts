// Child processes the benchmark starts (the simulator, `next build`, `next
// start`), with their output kept in a log file and stopped by process id.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";

/** Folder for server logs, inside test-results/, which git ignores. */
export const LOG_DIR = path.resolve("test-results/bench");

/** Output kept in memory per process, for readiness checks and error messages. */
const OUTPUT_TAIL_CHARS = 64_000;

export type ManagedProcess = {
  name: string;
  pid: number;
  logFile: string;
  /** The last 64,000 characters of standard output and standard error. */
  output(): string;
  /** True once the process has exited and its output is drained. */
  hasExited(): boolean;
  /** Exit code, or null while running or when a signal ended the process. */
  exitCode(): number | null;
  /** Resolves with the exit code, or null when a signal ended the process. */
  exited: Promise<number | null>;
  /** Sends SIGTERM to the process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

const running = new Set<ManagedProcess>();

export type StartOptions = {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Appends to the log file instead of replacing it. */
  appendLog?: boolean;
};

/**
 * Starts a process in its own process group, so that stop() also ends the
 * children it starts and nothing else.
 */
export function startProcess(options: StartOptions): ManagedProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${options.name}.log`);
  const log: WriteStream = createWriteStream(logFile, {
    flags: options.appendLog ? "a" : "w",
  });
  const child: ChildProcess = spawn(options.command, options.args, {
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid === undefined) {
    throw new Error(`Failed to start ${options.name}: ${options.command} did not start.`);
  }
  const pid = child.pid;

  let tail = "";
  const record = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);

  let hasExited = false;
  let exitCode: number | null = null;
  const exited = new Promise<number | null>((resolve) => {
    // "close" waits until the output pipes are drained, unlike "exit".
    child.once("close", (code) => {
      hasExited = true;
      exitCode = code;
      running.delete(managed);
      log.end(() => resolve(code));
    });
  });

  const managed: ManagedProcess = {
    name: options.name,
    pid,
    logFile,
    output: () => tail,
    hasExited: () => hasExited,
    exitCode: () => exitCode,
    exited,
    async stop(graceMs = 10_000) {
      if (hasExited || child.exitCode !== null || child.signalCode !== null) {
        await exited;
        return;
      }
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(managed);
  return managed;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // A negative id addresses the process group that `detached` created.
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}

/** Stops every process this module started that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((managed) => managed.stop()));
}

/**
 * Polls `check` every 200 ms until it returns true. Fails when the process
 * exits first or the timeout passes, quoting the end of its output.
 */
export async function waitUntil(
  managed: ManagedProcess,
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (managed.hasExited()) {
      throw new Error(
        `${managed.name} exited with code ${managed.exitCode()} before ${what}. ` +
          `Output (see ${managed.logFile}):\n${managed.output().slice(-3000)}`,
      );
    }
    if (await check()) {
      return;
    }
    await sleep(200);
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what} from ${managed.name}. ` +
      `Output (see ${managed.logFile}):\n${managed.output().slice(-3000)}`,
  );
}

/** Runs a command to completion and fails with its output when it exits non-zero. */
export async function runToCompletion(options: StartOptions): Promise<string> {
  const managed = startProcess(options);
  const code = await managed.exited;
  if (code !== 0) {
    throw new Error(
      `${options.name} ${code === null ? "was ended by a signal" : `failed with exit code ${code}`}. ` +
        `Output (see ${managed.logFile}):\n${managed.output().slice(-5000)}`,
    );
  }
  return managed.output();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Prints one line to standard output. */
export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}
