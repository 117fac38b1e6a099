// The local run: one command that starts the HiBob simulator, a mail capture
// server and the app on the embedded database, applies migrations, seeds demo
// customers and staff users and prints how to use them.
//
//   npm run dev                          app on http://localhost:3000, simulator on 4010, SMTP on 2525
//   PORT=3100 HIBOB_SIMULATOR_PORT=4110 SMTP_CAPTURE_PORT=2625 npm run dev    other ports
import { spawn } from "node:child_process";

import pretty from "pino-pretty";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { resolveAuthSecret } from "@/lib/auth/auth-secret";
import { parseConfig } from "@/lib/config";
import { resolveEncryptionKey } from "@/lib/crypto/key-source";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { seedDemoCustomers } from "@/lib/demo/seed-demo";
import { seedDemoStaff } from "@/lib/demo/seed-staff";
import {
  DEFAULT_SMTP_CAPTURE_PORT,
  startSmtpCaptureServer,
} from "@/lib/dev-mail/smtp-capture-server";
import { SCENARIOS } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

const require = createRequire(import.meta.url);

if (existsSync(".env")) {
  process.loadEnvFile(".env");
}

const appPort = Number(process.env.PORT ?? 3000);
const simulatorPort = Number(process.env.HIBOB_SIMULATOR_PORT ?? 4010);
const smtpPort = Number(process.env.SMTP_CAPTURE_PORT ?? DEFAULT_SMTP_CAPTURE_PORT);
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
    const links = await seedDemoCustomers(database.prisma, {
      scenarios: SCENARIOS,
      appUrl,
      dataDir,
      linkTtlDays,
    });
    const staff = await seedDemoStaff(database.prisma);
    return { links, staff };
  } finally {
    // PGlite serves one process at a time, so the app must open it only after this closes.
    await database.close();
  }
}

function printLinks(
  links: Awaited<ReturnType<typeof prepareDatabase>>["links"],
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

function printStaffSignIn(
  staff: Awaited<ReturnType<typeof prepareDatabase>>["staff"],
  smtpUrl: string,
) {
  console.log("Staff console: sign in with one of these addresses (one per role):\n");
  for (const user of staff) {
    const state = user.active ? "" : " (deactivated in the app)";
    console.log(`    ${user.email.padEnd(26)} ${user.role}${state}`);
  }
  console.log(`
  1. Open ${appUrl}/staff/sign-in and enter one of the addresses.
  2. Open the sign-in mail at ${appUrl}/dev/mailbox and follow its link.
  Mail is caught by ${smtpUrl} and never leaves this computer.
`);
}

function runNext(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, ...args], {
    stdio: ["inherit", "pipe", "inherit"],
    env,
  });
  // The app logs JSON lines; pino-pretty shows them as text and passes
  // Next.js's own output through unchanged.
  child.stdout?.pipe(
    pretty({
      colorize: process.stdout.isTTY,
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname,service",
    }),
  );
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

  // Created here once, so the app's workers do not race to create it.
  const authSecret = resolveAuthSecret({
    env: process.env,
    dataDir: config.dataDir,
    production: false,
    warn: (message) => console.warn(`warning: ${message}`),
  });
  const mailboxDir = path.resolve(
    process.env.DEV_MAILBOX_DIR ?? path.join(config.dataDir, "mailbox"),
  );

  const simulator = await startSimulator({ port: simulatorPort });
  let smtp: Awaited<ReturnType<typeof startSmtpCaptureServer>>;
  try {
    smtp = await startSmtpCaptureServer({
      mailboxDir,
      port: smtpPort,
      onError: (error) => console.error(`Mail capture server: ${error.message}`),
    });
  } catch (error) {
    await simulator.close();
    throw new Error(
      `Could not start the mail capture server on 127.0.0.1:${smtpPort} ` +
        `(${error instanceof Error ? error.message : String(error)}). ` +
        "Set SMTP_CAPTURE_PORT to a free port.",
    );
  }
  try {
    const { links, staff } = await prepareDatabase(config.dataDir, config.linkTtlDays);
    printLinks(links, simulator.url);
    printStaffSignIn(staff, smtp.url);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_URL: appUrl,
      PORT: String(appPort),
      HIBOB_BASE_URL: simulator.baseUrl,
      HIBOB_SANDBOX_BASE_URL: simulator.baseUrl,
      AUTH_SECRET: authSecret,
      // Every mail of the local run goes to the capture server, even when .env sets EMAIL_SERVER.
      EMAIL_SERVER: smtp.url,
      EMAIL_FROM: process.env.EMAIL_FROM ?? "HiBob Connect <no-reply@localhost>",
      DEV_MAILBOX_DIR: mailboxDir,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // Loopback only: the development mailbox hands out sign-in links to anyone
    // who can reach it.
    return await runNext(
      ["dev", "--port", String(appPort), "--hostname", "127.0.0.1"],
      env,
    );
  } finally {
    await Promise.all([simulator.close(), smtp.close()]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
