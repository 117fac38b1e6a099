// The local run: one command that starts the HiBob simulator and the app on
// the embedded database, applies migrations, seeds demo customers and prints
// their links.
//
//   npm run dev                          app on http://localhost:3000, simulator on 4010
//   PORT=3100 HIBOB_SIMULATOR_PORT=4110 npm run dev    other ports
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

import { parseConfig } from "@/lib/config";
import { resolveEncryptionKey } from "@/lib/crypto/key-source";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { seedDemoCustomers } from "@/lib/demo/seed-demo";
import { SCENARIOS } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

const require = createRequire(import.meta.url);

if (existsSync(".env")) {
  process.loadEnvFile(".env");
}

const appPort = Number(process.env.PORT ?? 3000);
const simulatorPort = Number(process.env.HIBOB_SIMULATOR_PORT ?? 4010);
const appUrl = process.env.APP_URL ?? `http://localhost:${appPort}`;

async function prepareDatabase(dataDir: string, linkTtlDays: number) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  try {
    const applied = await applyMigrations(database.executor);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : "Database is up to date.",
    );
    return await seedDemoCustomers(database.prisma, {
      scenarios: SCENARIOS,
      appUrl,
      dataDir,
      linkTtlDays,
    });
  } finally {
    // PGlite serves one process at a time, so the app must open it only after this closes.
    await database.close();
  }
}

function printLinks(
  links: Awaited<ReturnType<typeof prepareDatabase>>,
  simulatorUrl: string,
) {
  console.log(`\nHiBob simulator: ${simulatorUrl}/v1`);
  console.log("Demo links (one customer per simulator scenario):\n");
  for (const link of links) {
    console.log(`  ${link.scenario.label}`);
    console.log(`    link:            ${link.url}`);
    console.log(`    service user ID: ${link.scenario.serviceUserId}`);
    console.log(`    token:           ${link.scenario.token}`);
    console.log(`    ${link.scenario.description}\n`);
  }
}

function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(): Promise<number> {
  const config = parseConfig({ ...process.env, APP_URL: appUrl });
  resolveEncryptionKey({
    env: process.env,
    dataDir: config.dataDir,
    production: false,
    warn: (message) => console.warn(`warning: ${message}`),
  });

  const simulator = await startSimulator({ port: simulatorPort });
  try {
    const links = await prepareDatabase(config.dataDir, config.linkTtlDays);
    printLinks(links, simulator.url);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_URL: appUrl,
      PORT: String(appPort),
      HIBOB_BASE_URL: simulator.baseUrl,
      HIBOB_SANDBOX_BASE_URL: simulator.baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    return await runNext(["dev", "--port", String(appPort)], env);
  } finally {
    await simulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
