// Builds the app into its own dist folder and starts `next start` on a
// loopback port, the way e2e/global-setup.ts does for the end-to-end tests.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import {
  print,
  runToCompletion,
  startProcess,
  waitUntil,
  type ManagedProcess,
} from "./processes";

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");

/** The build folder of the benchmark, apart from the one other engineers use. */
export const DIST_DIR = ".next-bench";

/**
 * Runs `next build` into DIST_DIR. Next.js adds the dist folder's type paths
 * to tsconfig.json during a build, so the file is put back as it was.
 */
export async function buildApp(): Promise<number> {
  const tsconfigPath = path.resolve("tsconfig.json");
  const tsconfig = readFileSync(tsconfigPath, "utf8");
  const startedAt = performance.now();
  try {
    await runToCompletion({
      name: "next-build",
      command: process.execPath,
      args: [NEXT_BIN, "build"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
  } finally {
    if (readFileSync(tsconfigPath, "utf8") !== tsconfig) {
      writeFileSync(tsconfigPath, tsconfig);
      print("  (next build rewrote tsconfig.json; restored it)");
    }
  }
  return performance.now() - startedAt;
}

export function hasBuild(): boolean {
  return existsSync(path.resolve(DIST_DIR, "BUILD_ID"));
}

export type AppServer = {
  url: string;
  process: ManagedProcess;
  stop(): Promise<void>;
};

export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  hibobBaseUrl: string;
}): Promise<AppServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const managed = startProcess({
    name: "next-start",
    command: process.execPath,
    args: [NEXT_BIN, "start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      // A production build that may call the simulator's loopback address.
      APP_ENV: "test",
      DATABASE_URL: options.databaseUrl,
      HIBOB_BASE_URL: options.hibobBaseUrl,
      HIBOB_SANDBOX_BASE_URL: options.hibobBaseUrl,
      CREDENTIAL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      CREDENTIAL_ENCRYPTION_KEY_ID: "bench",
      APP_URL: url,
      // The production default, so that request logging costs what it costs in production.
      LOG_LEVEL: "info",
      // Every benchmark request comes from 127.0.0.1, so the per-address limits
      // are raised. Per-link limits stay as in production.
      RATE_LIMIT_PER_IP_FACTOR: "1000",
    },
  });
  await waitUntil(
    managed,
    `an answer at ${url}/api/health`,
    async () => {
      try {
        const response = await fetch(`${url}/api/health`);
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    },
    60_000,
  );
  return { url, process: managed, stop: () => managed.stop() };
}
