// Starts what the end-to-end tests run against: a fresh PostgreSQL database
// with all migrations, the HiBob simulator and an SMTP capture server on
// random loopback ports, and the production build of the app (`next build`
// must have run). Server output goes to test-results/e2e-server.log, which a
// test scans for secrets. Captured mails go to a temporary folder that test
// workers find in E2E_MAILBOX_DIR.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { startSmtpCaptureServer } from "../lib/dev-mail/smtp-capture-server";
import { createTestPostgresDatabase } from "../tests/support/database";
import { SCENARIOS } from "../simulator/scenarios";
import { startSimulator } from "../simulator/server";

const require = createRequire(import.meta.url);

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3510);
export const SERVER_LOG = path.resolve("test-results/e2e-server.log");

async function waitForServer(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The app server exited with code ${child.exitCode}; see ${SERVER_LOG}.`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app server did not answer at ${url} within ${timeoutMs} ms.`);
}

/** Fails the run if the app server wrote any secret to its output. */
function assertNoSecretsLogged(output: string, secrets: string[]): void {
  const leaked = secrets.filter(
    (secret) => secret.length >= 8 && output.includes(secret),
  );
  if (leaked.length > 0) {
    throw new Error(
      `The app server logged ${leaked.length} secret value(s) (HiBob tokens, the encryption key or AUTH_SECRET); see ${SERVER_LOG}.`,
    );
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestPostgresDatabase("e2e");
  const simulator = await startSimulator({ port: 0 });
  const mailboxDir = mkdtempSync(path.join(tmpdir(), "hibob-e2e-mailbox-"));
  const smtp = await startSmtpCaptureServer({ mailboxDir, port: 0 });

  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG, { flags: "w" });
  const encryptionKey = randomBytes(32).toString("base64");
  const authSecret = randomBytes(32).toString("base64");
  const appUrl = `http://127.0.0.1:${E2E_PORT}`;

  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    // A production build that may use the simulator's loopback address.
    APP_ENV: "test",
    DATABASE_URL: database.url,
    HIBOB_BASE_URL: simulator.baseUrl,
    HIBOB_SANDBOX_BASE_URL: simulator.baseUrl,
    CREDENTIAL_ENCRYPTION_KEY: encryptionKey,
    CREDENTIAL_ENCRYPTION_KEY_ID: "e2e",
    APP_URL: appUrl,
    AUTH_SECRET: authSecret,
    EMAIL_SERVER: smtp.url,
    EMAIL_FROM: "HiBob Connect <no-reply@e2e.example>",
    LOG_LEVEL: "debug",
    // Every test browses from 127.0.0.1, so per-address limits are raised;
    // per-link limits stay as in production.
    RATE_LIMIT_PER_IP_FACTOR: "20",
  };
  const server = spawn(
    process.execPath,
    [
      require.resolve("next/dist/bin/next"),
      "start",
      "--port",
      String(E2E_PORT),
      "--hostname",
      "127.0.0.1",
    ],
    { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  try {
    await waitForServer(`${appUrl}/`, server, 60_000);
  } catch (error) {
    server.kill("SIGTERM");
    await Promise.all([simulator.close(), smtp.close()]);
    rmSync(mailboxDir, { recursive: true, force: true });
    await database.drop();
    throw error;
  }

  // Test workers inherit these.
  process.env.E2E_DATABASE_URL = database.url;
  process.env.E2E_SERVER_LOG = SERVER_LOG;
  process.env.E2E_ENCRYPTION_KEY = encryptionKey;
  process.env.E2E_SIMULATOR_URL = simulator.url;
  process.env.E2E_MAILBOX_DIR = mailboxDir;
  // Lets a test start a second instance of the app on the same database.
  process.env.E2E_SERVER_ENV = JSON.stringify(serverEnv);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => {
      if (server.exitCode !== null) {
        resolve(undefined);
      } else {
        server.once("exit", resolve);
      }
    });
    await new Promise((resolve) => log.end(resolve));
    await Promise.all([simulator.close(), smtp.close()]);
    rmSync(mailboxDir, { recursive: true, force: true });
    await database.drop();
    assertNoSecretsLogged(readFileSync(SERVER_LOG, "utf8"), [
      encryptionKey,
      authSecret,
      ...SCENARIOS.map((scenario) => scenario.token),
    ]);
  };
}
