// The benchmark's PostgreSQL database: created fresh on TEST_DATABASE_URL's
// server, filled with scripts/seed-customers.ts, and dropped at the end.
import { randomBytes } from "node:crypto";

import pg from "pg";

import { createLinkToken, hashLinkToken } from "@/lib/link-sessions/link-token";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";

import {
  createTestPostgresDatabase,
  type TestPostgresDatabase,
} from "../tests/support/database";
import { runToCompletion } from "./processes";

export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const SEED_CUSTOMERS = 10_000;
export const SEED_PROBE_RUNS = 50_000;
/**
 * Probe runs per customer that reached the probe, passed to the seed script.
 * About half of its customers reach the probe, so 10 gives a little over
 * 50,000 runs, and the surplus is deleted.
 */
const SEED_RUNS_PER_PROBED_CUSTOMER = 10;
/** Customers per seed transaction, which keeps each transaction a few seconds long. */
const SEED_BATCH = 250;

export type BenchDatabase = TestPostgresDatabase;

export async function createBenchDatabase(): Promise<BenchDatabase> {
  process.env.TEST_DATABASE_URL ??= DEFAULT_TEST_DATABASE_URL;
  return createTestPostgresDatabase("bench");
}

async function withClient<T>(
  url: string,
  task: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

export type SeedSummary = {
  customers: number;
  probeRuns: number;
  linkSessions: number;
  seconds: number;
};

/**
 * Inserts 10,000 customers with scripts/seed-customers.ts, trims the probe
 * runs to exactly 50,000 by deleting older runs that no customer shows as
 * its latest, and refreshes the planner statistics.
 */
export async function seedCustomers(database: BenchDatabase): Promise<SeedSummary> {
  const startedAt = performance.now();
  await runToCompletion({
    name: "seed-customers",
    command: process.execPath,
    args: [
      "--import",
      "tsx",
      "--conditions=react-server",
      "scripts/seed-customers.ts",
      "--count",
      String(SEED_CUSTOMERS),
      "--probe-runs",
      String(SEED_RUNS_PER_PROBED_CUSTOMER),
      "--batch",
      String(SEED_BATCH),
    ],
    env: { ...process.env, DATABASE_URL: database.url },
  });

  return withClient(database.url, async (client) => {
    const before = await countRows(client, "probe_runs");
    if (before > SEED_PROBE_RUNS) {
      await client.query(
        `DELETE FROM probe_runs WHERE id IN (
           SELECT r.id FROM probe_runs r
           WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.latest_probe_run_id = r.id)
           ORDER BY r.started_at
           LIMIT $1)`,
        [before - SEED_PROBE_RUNS],
      );
    }
    await client.query("VACUUM ANALYZE");
    return {
      customers: await countRows(client, "customers"),
      probeRuns: await countRows(client, "probe_runs"),
      linkSessions: await countRows(client, "link_sessions"),
      seconds: (performance.now() - startedAt) / 1000,
    };
  });
}

async function countRows(client: pg.Client, table: string): Promise<number> {
  const result = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM ${table}`,
  );
  return result.rows[0]?.count ?? 0;
}

export type StaffSession = { userId: string; sessionToken: string; cookie: string };

/**
 * Inserts an admin user and an Auth.js database session for it, and returns
 * the cookie that signs a request in over http.
 */
export async function createStaffSession(database: BenchDatabase): Promise<StaffSession> {
  const userId = `bench${randomBytes(8).toString("hex")}`;
  const sessionToken = randomBytes(32).toString("hex");
  await withClient(database.url, async (client) => {
    await client.query(
      `INSERT INTO users (id, name, email, role, updated_at)
       VALUES ($1, 'Bench Admin', $2, 'admin', now())`,
      [userId, `${userId}@bench.example`],
    );
    await client.query(
      `INSERT INTO sessions (id, session_token, user_id, expires)
       VALUES ($1, $2, $3, now() + interval '1 day')`,
      [`session${randomBytes(8).toString("hex")}`, sessionToken, userId],
    );
  });
  return { userId, sessionToken, cookie: `authjs.session-token=${sessionToken}` };
}

/**
 * Creates a customer with a setup link whose HR admin has reached `step`
 * (default 1) and returns the link's path.
 */
export async function createWizardLink(
  database: BenchDatabase,
  step: 1 | 2 | 3 = 1,
): Promise<string> {
  const token = createLinkToken();
  await withClient(database.url, async (client) => {
    const customer = await client.query<{ id: string }>(
      `INSERT INTO customers (id, company_name, updated_at)
       VALUES (gen_random_uuid(), $1, now()) RETURNING id`,
      [`Bench Wizard Ltd (step ${step})`],
    );
    await client.query(
      `INSERT INTO link_sessions
         (id, customer_id, required_categories, token_hash, expires_at, updated_at,
          current_step)
       VALUES (gen_random_uuid(), $1, $2::"PermissionCategory"[], $3,
               now() + interval '14 days', now(), $4)`,
      [customer.rows[0]?.id, [...PERMISSION_CATEGORY_IDS], hashLinkToken(token), step],
    );
  });
  return step === 1 ? `/link/${token}` : `/link/${token}?step=${step}`;
}

/** Returns the server version, for example "PostgreSQL 15.20". */
export async function postgresVersion(database: BenchDatabase): Promise<string> {
  return withClient(database.url, async (client) => {
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    return `PostgreSQL ${result.rows[0]?.server_version ?? "unknown"}`;
  });
}
