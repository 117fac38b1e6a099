// The dashboard query against a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set): filters, search, sorting, pagination, counts per
// stage, and the number of SQL statements per page.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  DEFAULT_DASHBOARD_PARAMS,
  parseDashboardParams,
  type DashboardParams,
} from "@/lib/dashboard/params";
import { getDashboardPage, listOwnerOptions } from "@/lib/dashboard/query";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteExecutor } from "@/lib/db/sql";
import type { Database } from "@/lib/db/types";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { OnboardingStage, ProbeOutcome } from "@/lib/generated/prisma/enums";
import { DASHBOARD_STAGES } from "@/lib/onboarding/stage";

import {
  createTestPostgresDatabase,
  testDatabaseTargets,
  type TestPostgresDatabase,
} from "../support/database";

const NOW = new Date("2026-12-10T12:00:00Z");
const HOUR = 3600 * 1000;

type QueryLoggingDatabase = {
  prisma: Database;
  /** SQL statements sent since the last reset. */
  statements: string[];
  close(): Promise<void>;
};

/** Opens a migrated database whose Prisma client reports every SQL statement. */
async function openQueryLoggingDatabase(
  kind: "pglite" | "postgresql",
): Promise<QueryLoggingDatabase> {
  const log = [{ emit: "event", level: "query" }] as const;
  let client: PrismaClient<"query">;
  let closeDatabase: () => Promise<void>;
  if (kind === "pglite") {
    const pglite = new PGlite("memory://");
    await applyMigrations(pgliteExecutor(pglite));
    client = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [...log] });
    closeDatabase = () => pglite.close();
  } else {
    const database: TestPostgresDatabase = await createTestPostgresDatabase("dashboard");
    client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url }),
      log: [...log],
    });
    closeDatabase = () => database.drop();
  }
  const statements: string[] = [];
  client.$on("query", (event) => statements.push(event.query));
  return {
    prisma: client as unknown as Database,
    statements,
    async close() {
      await client.$disconnect();
      await closeDatabase();
    },
  };
}

type SeedCustomer = {
  name: string;
  stage: OnboardingStage;
  /** Hours from NOW; negative is in the past. */
  expiresInHours?: number | null;
  owner?: "alice" | "bob" | null;
  activityHoursAgo: number;
  probe?: { outcome: ProbeOutcome; missingCount: number };
};

const CUSTOMERS: SeedCustomer[] = [
  {
    name: "Acme Ltd",
    stage: "link_sent",
    expiresInHours: 48,
    owner: "alice",
    activityHoursAgo: 1,
  },
  {
    name: "acme lowercase",
    stage: "link_opened",
    expiresInHours: 48,
    owner: "bob",
    activityHoursAgo: 2,
  },
  {
    name: "100% Pure GmbH",
    stage: "step_1_done",
    expiresInHours: 48,
    owner: null,
    activityHoursAgo: 3,
  },
  {
    name: "Under_score SA",
    stage: "step_2_done",
    expiresInHours: 48,
    owner: "alice",
    activityHoursAgo: 4,
  },
  {
    name: "Underscore plain",
    stage: "step_2_done",
    expiresInHours: 48,
    owner: "bob",
    activityHoursAgo: 5,
  },
  {
    name: "Back\\slash Co",
    stage: "credentials_submitted",
    expiresInHours: 48,
    owner: null,
    activityHoursAgo: 6,
  },
  {
    name: "Invalid Inc",
    stage: "invalid_credentials",
    expiresInHours: 48,
    owner: "alice",
    activityHoursAgo: 7,
    probe: { outcome: "invalid_credentials", missingCount: 0 },
  },
  {
    name: "Missing Corp",
    stage: "missing_permissions",
    expiresInHours: 48,
    owner: "bob",
    activityHoursAgo: 8,
    probe: { outcome: "missing_permissions", missingCount: 3 },
  },
  {
    name: "Connected One",
    stage: "connected",
    expiresInHours: 48,
    owner: "alice",
    activityHoursAgo: 9,
    probe: { outcome: "all_granted", missingCount: 0 },
  },
  {
    name: "Connected Expired Link",
    stage: "connected",
    expiresInHours: -48,
    owner: "bob",
    activityHoursAgo: 10,
    probe: { outcome: "all_granted", missingCount: 0 },
  },
  {
    name: "Expired Opened",
    stage: "link_opened",
    expiresInHours: -1,
    owner: "alice",
    activityHoursAgo: 11,
  },
  {
    name: "Expired Missing",
    stage: "missing_permissions",
    expiresInHours: -24,
    owner: null,
    activityHoursAgo: 12,
    probe: { outcome: "missing_permissions", missingCount: 1 },
  },
  {
    name: "Expires Right Now",
    stage: "link_sent",
    expiresInHours: 0,
    owner: "bob",
    activityHoursAgo: 13,
  },
  {
    name: "Reopened Relink",
    stage: "reopened",
    expiresInHours: 48,
    owner: "alice",
    activityHoursAgo: 14,
  },
  {
    name: "No Link Yet",
    stage: "credentials_submitted",
    expiresInHours: null,
    owner: null,
    activityHoursAgo: 15,
  },
];

/** Companies that pad the list for pagination, all "link sent" and unassigned. */
const FILLER_COUNT = 120;

for (const target of testDatabaseTargets()) {
  describe.skipIf(target.skipReason !== undefined)(
    `dashboard query on ${target.title}`,
    () => {
      let database: QueryLoggingDatabase;
      let db: Database;
      const owners: Record<"alice" | "bob", string> = { alice: "", bob: "" };

      beforeAll(async () => {
        database = await openQueryLoggingDatabase(target.kind);
        db = database.prisma;
        const alice = await db.user.create({
          data: { email: "alice@vendor.example", name: "Alice Owner", role: "csm" },
        });
        const bob = await db.user.create({
          data: { email: "bob@vendor.example", name: null, role: "csm" },
        });
        await db.user.create({ data: { email: "sam@vendor.example", role: "support" } });
        owners.alice = alice.id;
        owners.bob = bob.id;

        await db.customer.createMany({
          data: CUSTOMERS.map((customer) => ({
            companyName: customer.name,
            stage: customer.stage,
            ownerId: customer.owner ? owners[customer.owner] : null,
            lastActivityAt: new Date(NOW.getTime() - customer.activityHoursAgo * HOUR),
            linkExpiresAt:
              customer.expiresInHours === null || customer.expiresInHours === undefined
                ? null
                : new Date(NOW.getTime() + customer.expiresInHours * HOUR),
            latestProbeOutcome: customer.probe?.outcome ?? null,
            latestProbeAt: customer.probe
              ? new Date(NOW.getTime() - customer.activityHoursAgo * HOUR)
              : null,
            missingCount: customer.probe?.missingCount ?? null,
          })),
        });
        await db.customer.createMany({
          data: Array.from({ length: FILLER_COUNT }, (_, index) => ({
            companyName: `Filler ${String(index).padStart(3, "0")}`,
            stage: "link_sent" as const,
            lastActivityAt: new Date(NOW.getTime() - (100 + index) * HOUR),
            linkExpiresAt: new Date(NOW.getTime() + 48 * HOUR),
          })),
        });
      });

      afterAll(async () => {
        await database?.close();
      });

      function page(changes: Partial<DashboardParams> = {}, pageSize?: number) {
        return getDashboardPage(
          db,
          { ...DEFAULT_DASHBOARD_PARAMS, ...changes },
          { viewerId: owners.alice, now: NOW, ...(pageSize ? { pageSize } : {}) },
        );
      }

      async function names(changes: Partial<DashboardParams>, pageSize = 100) {
        return (await page(changes, pageSize)).rows.map((row) => row.companyName);
      }

      test("counts per stage include expired", async () => {
        const { stageCounts, total } = await page();
        expect(stageCounts).toEqual({
          link_sent: 1 + FILLER_COUNT,
          link_opened: 1,
          step_1_done: 1,
          step_2_done: 2,
          credentials_submitted: 2,
          invalid_credentials: 1,
          missing_permissions: 1,
          connected: 2,
          expired: 3,
          reopened: 1,
        });
        expect(total).toBe(CUSTOMERS.length + FILLER_COUNT);
      });

      test("expired filter matches the expired count", async () => {
        const result = await page({ stage: "expired" });
        expect(result.total).toBe(3);
        expect(result.rows.map((row) => row.companyName).sort()).toEqual(
          ["Expired Missing", "Expired Opened", "Expires Right Now"].sort(),
        );
        expect(result.rows.every((row) => row.stage === "expired")).toBe(true);
      });

      test("stored stage filter leaves out expired links", async () => {
        expect(await names({ stage: "link_opened" })).toEqual(["acme lowercase"]);
        expect(await names({ stage: "missing_permissions" })).toEqual(["Missing Corp"]);
      });

      test("connected ignores the link expiry", async () => {
        expect((await names({ stage: "connected" })).sort()).toEqual([
          "Connected Expired Link",
          "Connected One",
        ]);
      });

      test("customer without a link keeps its stage", async () => {
        expect(await names({ stage: "credentials_submitted" })).toContain("No Link Yet");
      });

      test("owner filter mine", async () => {
        const result = await page({ owner: "mine" });
        expect(result.total).toBe(6);
        expect(result.rows.every((row) => row.owner?.id === owners.alice)).toBe(true);
      });

      test("owner filter by user", async () => {
        const result = await page({ owner: { userId: owners.bob } });
        expect(result.total).toBe(5);
        expect(
          result.rows.every((row) => row.owner?.email === "bob@vendor.example"),
        ).toBe(true);
      });

      test("owner filter unassigned", async () => {
        const result = await page({ owner: "unassigned" });
        expect(result.total).toBe(4 + FILLER_COUNT);
        expect(result.rows.every((row) => row.owner === null)).toBe(true);
      });

      test("unknown owner id matches nothing", async () => {
        expect((await page({ owner: { userId: "nobody" } })).total).toBe(0);
      });

      test("counts follow owner filter and search", async () => {
        const result = await page({ owner: "mine", stage: "connected" });
        expect(result.stageCounts.link_opened).toBe(0);
        expect(result.stageCounts.expired).toBe(1);
        expect(result.stageCounts.connected).toBe(1);
        expect(result.total).toBe(1);
      });

      test("search is case-insensitive", async () => {
        expect((await names({ search: "ACME" })).sort()).toEqual([
          "Acme Ltd",
          "acme lowercase",
        ]);
      });

      test("percent sign matches literally", async () => {
        expect(await names({ search: "%" })).toEqual(["100% Pure GmbH"]);
      });

      test("underscore matches literally", async () => {
        expect(await names({ search: "_" })).toEqual(["Under_score SA"]);
        expect((await names({ search: "under" })).sort()).toEqual([
          "Under_score SA",
          "Underscore plain",
        ]);
      });

      test("backslash matches literally", async () => {
        expect(await names({ search: "k\\s" })).toEqual(["Back\\slash Co"]);
      });

      test("quote in search is plain text", async () => {
        expect(await names({ search: "'; DROP TABLE customers; --" })).toEqual([]);
        expect((await page()).total).toBe(CUSTOMERS.length + FILLER_COUNT);
      });

      test("search from a URL with NUL", async () => {
        const params = parseDashboardParams({ q: "Acme\u0000" });
        const result = await getDashboardPage(db, params, {
          viewerId: owners.alice,
          now: NOW,
        });
        expect(result.rows.map((row) => row.companyName).sort()).toEqual([
          "Acme Ltd",
          "acme lowercase",
        ]);
      });

      test("search with stage filter", async () => {
        const result = await page({ search: "expire", stage: "expired" });
        expect(result.total).toBe(3);
        expect(result.stageCounts.connected).toBe(1);
      });

      test("default sort is newest activity first", async () => {
        const rows = (await page({}, 5)).rows.map((row) => row.companyName);
        expect(rows).toEqual([
          "Acme Ltd",
          "acme lowercase",
          "100% Pure GmbH",
          "Under_score SA",
          "Underscore plain",
        ]);
      });

      test("activity ascending puts the oldest first", async () => {
        const rows = (await page({ direction: "asc" }, 1)).rows;
        expect(rows[0]?.companyName).toBe(`Filler ${FILLER_COUNT - 1}`);
      });

      test("company sort ignores case", async () => {
        const sorted = await names({ sort: "company", direction: "asc", owner: "mine" });
        expect(sorted).toEqual([
          "Acme Ltd",
          "Connected One",
          "Expired Opened",
          "Invalid Inc",
          "Reopened Relink",
          "Under_score SA",
        ]);
        const descending = await names({
          sort: "company",
          direction: "desc",
          owner: "mine",
        });
        expect(descending).toEqual([...sorted].reverse());
      });

      test("stage sort follows the dashboard order", async () => {
        const rows = (await page({ sort: "stage", direction: "asc" }, 200)).rows;
        const positions = rows.map((row) => DASHBOARD_STAGES.indexOf(row.stage));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const descending = (await page({ sort: "stage", direction: "desc" }, 200)).rows;
        expect(descending[0]?.stage).toBe("reopened");
      });

      test("pages do not overlap", async () => {
        const first = await page({ page: 1 }, 10);
        const second = await page({ page: 2 }, 10);
        expect(first.rows).toHaveLength(10);
        expect(second.rows).toHaveLength(10);
        const firstIds = new Set(first.rows.map((row) => row.id));
        expect(second.rows.some((row) => firstIds.has(row.id))).toBe(false);
        expect(first.pageCount).toBe(Math.ceil((CUSTOMERS.length + FILLER_COUNT) / 10));
      });

      test("page past the end shows the last page", async () => {
        const total = CUSTOMERS.length + FILLER_COUNT;
        const result = await page({ page: 999 }, 25);
        expect(result.params.page).toBe(Math.ceil(total / 25));
        expect(result.rows).toHaveLength(total % 25 || 25);
      });

      test("empty result has one page", async () => {
        const result = await page({ search: "no such company", page: 3 });
        expect(result.total).toBe(0);
        expect(result.pageCount).toBe(1);
        expect(result.params.page).toBe(1);
        expect(result.rows).toEqual([]);
      });

      test("rows carry owner and probe summary", async () => {
        const [row] = (await page({ search: "Missing Corp" })).rows;
        expect(row?.owner).toEqual({
          id: owners.bob,
          name: null,
          email: "bob@vendor.example",
        });
        expect(row?.latestProbe).toEqual({
          outcome: "missing_permissions",
          missingCount: 3,
          at: new Date(NOW.getTime() - 8 * HOUR),
        });
        const [withoutProbe] = (await page({ search: "Acme Ltd" })).rows;
        expect(withoutProbe?.latestProbe).toBeNull();
      });

      test("SQL statements per page do not grow with page size", async () => {
        database.statements.length = 0;
        await page({ search: "e" }, 10);
        const small = database.statements.length;

        database.statements.length = 0;
        await page({ search: "e" }, 100);
        const large = database.statements.length;

        expect(small).toBe(large);
        expect(small).toBeLessThanOrEqual(2);
      });

      test("filtered pages use two statements", async () => {
        database.statements.length = 0;
        await page({ owner: "mine", stage: "expired", sort: "stage" }, 100);
        expect(database.statements).toHaveLength(2);
      });

      test("owner options list the CSMs", async () => {
        const options = await listOwnerOptions(db);
        expect(options.map((owner) => owner.email).sort()).toEqual([
          "alice@vendor.example",
          "bob@vendor.example",
        ]);
      });
    },
  );
}
