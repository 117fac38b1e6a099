// Bulk test data for scale checks of the staff dashboard: customers in every
// stage with owners, link sessions and probe runs, inserted with createMany
// in batches. Optionally times the dashboard query afterwards.
//
//   tsx --conditions=react-server scripts/seed-customers.ts --count 10000
//   tsx --conditions=react-server scripts/seed-customers.ts --count 10000 --probe-runs 5 --measure
//
// Writes to DATABASE_URL (PGlite in .data/ when unset) after applying the
// migrations. Seeded customers are named "Seed …" and have no stored
// credentials, so re-running their probe reports that none are stored.
// Audit rows cannot be deleted, so start from a fresh database to remove them.
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";

import { DEFAULT_DASHBOARD_PARAMS, type DashboardParams } from "@/lib/dashboard/params";
import { getDashboardPage } from "@/lib/dashboard/query";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import type { Database } from "@/lib/db/types";
import type {
  CategoryStatus,
  LinkSessionMode,
  LinkSessionStatus,
  OnboardingStage,
  Prisma,
  ProbeOutcome,
} from "@/lib/generated/prisma/client";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { hashLinkToken } from "@/lib/link-sessions/link-token";

const USAGE = `Usage: tsx --conditions=react-server scripts/seed-customers.ts [options]

  --count N         customers to insert (default 10000)
  --probe-runs N    probe runs per customer that reached the probe (default 1, max 20)
  --owners N        CSM users to spread the customers over (default 8); 15% stay unassigned
  --batch N         customers per createMany batch (default 1000)
  --measure         time the dashboard query afterwards
  --help            show this help`;

const DAY = 24 * 3600 * 1000;

/** Stages with their share of the seeded customers, in percent. */
const STAGE_WEIGHTS: [OnboardingStage, number][] = [
  ["link_sent", 20],
  ["link_opened", 10],
  ["step_1_done", 8],
  ["step_2_done", 7],
  ["credentials_submitted", 3],
  ["invalid_credentials", 5],
  ["missing_permissions", 15],
  ["connected", 27],
  ["reopened", 5],
];

const NAME_PARTS = {
  first: [
    "Northwind",
    "Blue",
    "Acme",
    "Summit",
    "Harbor",
    "Atlas",
    "Pioneer",
    "Maple",
    "Orbit",
    "Cedar",
  ],
  second: [
    "Logistics",
    "Foods",
    "Health",
    "Labs",
    "Retail",
    "Energy",
    "Media",
    "Systems",
    "Travel",
    "Finance",
  ],
  suffix: ["Ltd", "GmbH", "SAS", "BV", "Inc", "AB", "Oy", "S.p.A.", "AG", "LLC"],
};

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      "probe-runs": { type: "string", default: "1" },
      owners: { type: "string", default: "8" },
      batch: { type: "string", default: "1000" },
      measure: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (name: string, value: string, min: number, max: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      console.error(
        `--${name} must be a whole number from ${min} to ${max}, got "${value}".\n\n${USAGE}`,
      );
      process.exit(64);
    }
    return parsed;
  };
  return {
    count: integer("count", values.count, 1, 1_000_000),
    probeRuns: integer("probe-runs", values["probe-runs"], 0, 20),
    owners: integer("owners", values.owners, 0, 1000),
    batch: integer("batch", values.batch, 1, 10_000),
    measure: values.measure,
  };
}

/** A small deterministic generator, so two runs with the same count look alike. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(entries: readonly [T, number][]): T {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) {
          return value;
        }
      }
      return entries[entries.length - 1]![0];
    },
  };
}

type Random = ReturnType<typeof createRandom>;

function companyName(random: Random, index: number): string {
  const number = String(index).padStart(5, "0");
  // A few names with LIKE wildcards, to check that search matches them literally.
  if (index % 97 === 0) {
    return `Seed 100% Organic ${number}`;
  }
  if (index % 89 === 0) {
    return `Seed Under_score ${number}`;
  }
  return `Seed ${random.pick(NAME_PARTS.first)} ${random.pick(NAME_PARTS.second)} ${random.pick(NAME_PARTS.suffix)} ${number}`;
}

async function ensureOwners(db: Database, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const email = `seed-csm-${index}@example.com`;
    const user = await db.user.upsert({
      where: { email },
      create: { email, name: `Seed CSM ${index}`, role: "csm" },
      update: {},
      select: { id: true },
    });
    ids.push(user.id);
  }
  return ids;
}

type Rows = {
  customers: Prisma.CustomerCreateManyInput[];
  linkSessions: Prisma.LinkSessionCreateManyInput[];
  probeRuns: Prisma.ProbeRunCreateManyInput[];
  results: Prisma.ProbeCategoryResultCreateManyInput[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
};

function sessionFor(stage: OnboardingStage): {
  status: LinkSessionStatus;
  currentStep: number;
  opened: boolean;
} {
  switch (stage) {
    case "link_sent":
    case "reopened":
      return { status: "pending", currentStep: 1, opened: false };
    case "link_opened":
      return { status: "in_progress", currentStep: 1, opened: true };
    case "step_1_done":
      return { status: "in_progress", currentStep: 2, opened: true };
    case "step_2_done":
    case "invalid_credentials":
      return { status: "in_progress", currentStep: 3, opened: true };
    case "credentials_submitted":
    case "missing_permissions":
    case "connected":
      return { status: "submitted", currentStep: 3, opened: true };
  }
}

const OUTCOME_BY_STAGE: Partial<Record<OnboardingStage, ProbeOutcome>> = {
  invalid_credentials: "invalid_credentials",
  missing_permissions: "missing_permissions",
  connected: "all_granted",
  reopened: "all_granted",
};

function buildCustomer(
  rows: Rows,
  random: Random,
  index: number,
  ownerIds: readonly string[],
  probeRuns: number,
  now: number,
): void {
  const id = randomUUID();
  const stage = random.weighted(STAGE_WEIGHTS);
  const createdAt = new Date(now - random.next() * 120 * DAY);
  const ownerId =
    ownerIds.length > 0 && random.next() > 0.15 ? random.pick(ownerIds) : null;
  const sessionShape = sessionFor(stage);
  const ttlDays = random.pick([7, 14, 30]);

  // A reopened customer has its first link revoked and a newer one pending.
  let sessionCreatedAt = createdAt;
  if (stage === "reopened") {
    const firstSessionId = randomUUID();
    rows.linkSessions.push({
      id: firstSessionId,
      customerId: id,
      status: "revoked",
      mode: "initial",
      currentStep: 3,
      requiredCategories: [...PERMISSION_CATEGORY_IDS],
      tokenHash: hashLinkToken(randomBytes(32).toString("base64url")),
      expiresAt: new Date(createdAt.getTime() + ttlDays * DAY),
      openedAt: createdAt,
      submittedAt: createdAt,
      revokedAt: new Date(createdAt.getTime() + DAY),
      lastActivityAt: createdAt,
      createdAt,
    });
    sessionCreatedAt = new Date(createdAt.getTime() + DAY);
  }
  let mode: LinkSessionMode = "initial";
  if (stage === "reopened") {
    mode = random.next() < 0.5 ? "recheck" : "relink";
  }
  const sessionActivity = new Date(
    Math.min(now, sessionCreatedAt.getTime() + random.next() * 5 * DAY),
  );
  const expiresAt = new Date(sessionCreatedAt.getTime() + ttlDays * DAY);
  const sessionId = randomUUID();
  rows.linkSessions.push({
    id: sessionId,
    customerId: id,
    status: sessionShape.status,
    mode,
    reopenReason: mode === "initial" ? null : "Seeded reopen",
    currentStep: sessionShape.currentStep,
    requiredCategories: [...PERMISSION_CATEGORY_IDS],
    tokenHash: hashLinkToken(randomBytes(32).toString("base64url")),
    expiresAt,
    openedAt: sessionShape.opened ? sessionActivity : null,
    submittedAt: sessionShape.status === "submitted" ? sessionActivity : null,
    lastActivityAt: sessionActivity,
    createdAt: sessionCreatedAt,
  });

  const outcome = OUTCOME_BY_STAGE[stage];
  let latestRun: {
    id: string;
    startedAt: Date;
    outcome: ProbeOutcome;
    missing: number;
  } | null = null;
  const runCount = outcome ? probeRuns : 0;
  for (let run = 0; run < runCount; run += 1) {
    const isLatest = run === runCount - 1;
    const startedAt = new Date(
      sessionActivity.getTime() - (runCount - 1 - run) * 3600 * 1000,
    );
    const runOutcome: ProbeOutcome =
      isLatest && outcome ? outcome : "missing_permissions";
    const runId = randomUUID();
    const missing =
      runOutcome === "missing_permissions" ? 1 + Math.floor(random.next() * 4) : 0;
    rows.probeRuns.push({
      id: runId,
      customerId: id,
      linkSessionId: sessionId,
      trigger: run === 0 ? "wizard_submit" : "wizard_recheck",
      status: runOutcome === "invalid_credentials" ? "failed" : "completed",
      outcome: runOutcome,
      employeesVisible: runOutcome === "invalid_credentials" ? null : 40,
      accessScopeStatus: runOutcome === "invalid_credentials" ? null : "complete",
      missingLifecycleStatuses: [],
      summary: "Seeded probe run.",
      startedAt,
      finishedAt: new Date(startedAt.getTime() + 2000),
      durationMs: 2000,
    });
    if (isLatest && runOutcome !== "invalid_credentials") {
      PERMISSION_CATEGORY_IDS.forEach((category, position) => {
        const status: CategoryStatus = position < missing ? "missing" : "granted";
        rows.results.push({
          probeRunId: runId,
          category,
          status,
          missing: status === "missing" ? ["view"] : [],
          unverified: [],
          fix: status === "missing" ? "Seeded fix text." : "",
        });
      });
    }
    if (isLatest) {
      latestRun = { id: runId, startedAt, outcome: runOutcome, missing };
    }
  }

  const lastActivityAt = new Date(
    Math.max(sessionActivity.getTime(), (latestRun?.startedAt.getTime() ?? 0) + 2000),
  );
  rows.customers.push({
    id,
    companyName: companyName(random, index),
    hrAdminEmail: `hr-${index}@example.com`,
    hibobEnvironment: random.next() < 0.9 ? "production" : "sandbox",
    ownerId,
    createdAt,
    stage,
    stageChangedAt: lastActivityAt,
    lastActivityAt,
    linkExpiresAt: expiresAt,
    latestProbeRunId: latestRun?.id ?? null,
    latestProbeOutcome: latestRun?.outcome ?? null,
    latestProbeAt: latestRun?.startedAt ?? null,
    missingCount: latestRun ? latestRun.missing : null,
  });
  rows.auditEvents.push({
    occurredAt: createdAt,
    actorType: "system",
    action: "customer.created",
    customerId: id,
    details: { source: "scripts/seed-customers.ts" },
  });
}

/**
 * Time allowed for one batch's transaction. Prisma's default of 5 s suits
 * requests, not bulk loads: with 10 probe runs per customer a batch of 1,000
 * came close to it on a 2-core machine.
 */
const BATCH_TRANSACTION_TIMEOUT_MS = 120_000;

async function insertBatch(db: Database, rows: Rows): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.customer.createMany({ data: rows.customers });
      await tx.linkSession.createMany({ data: rows.linkSessions });
      await tx.probeRun.createMany({ data: rows.probeRuns });
      await tx.probeCategoryResult.createMany({ data: rows.results });
      await tx.auditEvent.createMany({ data: rows.auditEvents });
    },
    { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
  );
}

async function measureDashboard(db: Database, viewerId: string): Promise<void> {
  const cases: [string, Partial<DashboardParams>][] = [
    ["default (activity desc, 25 rows)", {}],
    ["100 rows per page", { pageSize: 100 }],
    ["page 200 of 25 rows", { page: 200 }],
    ["stage filter: expired", { stage: "expired" }],
    [
      "stage filter: missing permissions",
      { stage: "missing_permissions", pageSize: 100 },
    ],
    ["owner filter: mine", { owner: "mine" }],
    ['search "acme"', { search: "acme" }],
    ['search "100%"', { search: "100%" }],
    ["sort by company", { sort: "company", direction: "asc" }],
    ["sort by stage, 100 rows", { sort: "stage", direction: "asc", pageSize: 100 }],
  ];
  const repetitions = 7;
  console.log(`\nDashboard query, median of ${repetitions} runs after one warm-up:`);
  for (const [label, changes] of cases) {
    const params = { ...DEFAULT_DASHBOARD_PARAMS, ...changes };
    await getDashboardPage(db, params, { viewerId });
    const times: number[] = [];
    for (let run = 0; run < repetitions; run += 1) {
      const start = performance.now();
      await getDashboardPage(db, params, { viewerId });
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(`  ${label.padEnd(40)} ${median.toFixed(1)} ms`);
  }
}

async function main(): Promise<void> {
  const options = parseCommandLine();
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  try {
    const target =
      database.kind === "pglite" ? "PGlite in .data/" : "PostgreSQL (DATABASE_URL)";
    await applyMigrations(database.executor);
    const db = database.prisma;
    const ownerIds = await ensureOwners(db, options.owners);

    const startedAt = performance.now();
    const before = await db.customer.count();
    const random = createRandom(before + options.count);
    const now = Date.now();
    for (let offset = 0; offset < options.count; offset += options.batch) {
      const rows: Rows = {
        customers: [],
        linkSessions: [],
        probeRuns: [],
        results: [],
        auditEvents: [],
      };
      const end = Math.min(options.count, offset + options.batch);
      for (let index = offset; index < end; index += 1) {
        buildCustomer(rows, random, before + index + 1, ownerIds, options.probeRuns, now);
      }
      await insertBatch(db, rows);
      process.stdout.write(`\rInserted ${end} of ${options.count} customers`);
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const total = await db.customer.count();
    console.log(
      `\nSeeded ${options.count} customers into ${target} in ${seconds.toFixed(1)} s; it now has ${total} customers.`,
    );

    if (options.measure) {
      // Fresh planner statistics, as autovacuum would gather them after a bulk load.
      await database.executor.exec("ANALYZE");
      const viewerId = ownerIds[0] ?? "nobody";
      await measureDashboard(db, viewerId);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
