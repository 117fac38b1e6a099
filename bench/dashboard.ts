// Part 2: the staff dashboard on 10,000 customers and 50,000 probe runs.
// First direct calls of the dashboard query, with EXPLAIN ANALYZE of its SQL
// and a count of its statements. Then HTTP requests to the production
// server: one at a time for the page's time on an idle server, and 20
// concurrent connections with autocannon. The baselines are `SELECT 1` for the direct
// calls and GET /api/health, a trivial route on the same server, for HTTP.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { DEFAULT_DASHBOARD_PARAMS, type DashboardParams } from "@/lib/dashboard/params";
import { getDashboardPage, listOwnerOptions } from "@/lib/dashboard/query";
import { openDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { PrismaClient } from "@/lib/generated/prisma/client";

import type { BenchDatabase } from "./database";
import {
  runLoad,
  summarizeTimes,
  timeSequentialRequests,
  type LatencySummary,
} from "./http-load";
import { readCpuMs } from "./memory";
import { print } from "./processes";
import { formatMs } from "./stats";

export const LOAD_CONNECTIONS = 20;
export const LOAD_SECONDS = 10;
export const DASHBOARD_P95_TARGET_MS = 150;

export const DIRECT_WARMUPS = 2;
export const DIRECT_RUNS = 20;
export const SEQUENTIAL_REQUESTS = 15;

export type DashboardCase = {
  name: string;
  changes: Partial<DashboardParams>;
  /** The same view as a URL of the dashboard. */
  path: string;
};

export const DASHBOARD_CASES: readonly DashboardCase[] = [
  { name: "First page, 25 rows", changes: {}, path: "/staff" },
  { name: "First page, 100 rows", changes: { pageSize: 100 }, path: "/staff?size=100" },
  {
    name: "Stage filter (missing permissions)",
    changes: { stage: "missing_permissions" },
    path: "/staff?stage=missing_permissions",
  },
  { name: 'Search "acme"', changes: { search: "acme" }, path: "/staff?q=acme" },
  {
    name: 'Stage filter and search "acme"',
    changes: { stage: "missing_permissions", search: "acme" },
    path: "/staff?stage=missing_permissions&q=acme",
  },
  { name: "Page 150 of 25 rows", changes: { page: 150 }, path: "/staff?page=150" },
  {
    name: "Sort by company, page 150",
    changes: { sort: "company", direction: "asc", page: 150 },
    path: "/staff?sort=company&page=150",
  },
];

/** The views loaded with 20 connections. The first is the baseline. */
export const LOAD_TARGETS: readonly { name: string; path: string; baseline?: true }[] = [
  { name: "GET /api/health (baseline)", path: "/api/health", baseline: true },
  { name: "GET /staff", path: "/staff" },
  {
    name: "GET /staff, stage filter and search",
    path: "/staff?stage=missing_permissions&q=acme",
  },
  { name: "GET /staff, page 150", path: "/staff?page=150" },
];

export type StatementPlan = {
  /** "stage counts" (the GROUP BY) or "page rows". */
  statement: string;
  planningMs: number;
  executionMs: number;
  /** Scan nodes of the plan, for example "Index Scan on customers". */
  scans: string[];
};

export type DirectCaseResult = {
  name: string;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  rows: number;
  total: number;
  plans: StatementPlan[];
};

export type DashboardResult = {
  postgres: string;
  seed: { customers: number; probeRuns: number; linkSessions: number; seconds: number };
  direct: {
    baselineMedianMs: number;
    cases: DirectCaseResult[];
  };
  /** SQL statements per dashboard page, by page size. */
  statementsPerPage: { pageSize: number; statements: number }[];
  sequential: {
    name: string;
    path: string;
    medianMs: number;
    p95Ms: number;
    maxMs: number;
  }[];
  load: (LatencySummary & {
    name: string;
    path: string;
    baseline: boolean;
    /** CPU time of the server process per response, user and system. */
    serverCpuMsPerRequest?: number;
    /** Server CPU time divided by wall time: 1 is one core busy all the time. */
    serverCores?: number;
  })[];
  connections: number;
  durationSeconds: number;
  targetP95Ms: number;
};

type LoggedStatement = { query: string; params: string };

/** Opens a Prisma client that records every SQL statement it sends. */
function openLoggingClient(url: string): {
  prisma: Database;
  statements: LoggedStatement[];
  close(): Promise<void>;
} {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  });
  const statements: LoggedStatement[] = [];
  client.$on("query", (event) =>
    statements.push({ query: event.query, params: event.params }),
  );
  return {
    prisma: client as unknown as Database,
    statements,
    close: () => client.$disconnect(),
  };
}

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
};

function collectScans(node: PlanNode, scans: string[]): void {
  if (node["Node Type"].includes("Scan")) {
    const target = node["Index Name"] ?? node["Relation Name"] ?? "";
    scans.push(`${node["Node Type"]}${target ? ` on ${target}` : ""}`);
  }
  for (const child of node.Plans ?? []) {
    collectScans(child, scans);
  }
}

async function explainStatements(
  url: string,
  statements: readonly LoggedStatement[],
): Promise<StatementPlan[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plans: StatementPlan[] = [];
    for (const statement of statements) {
      const params = JSON.parse(statement.params) as unknown[];
      const result = await client.query<{ "QUERY PLAN": unknown }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.query}`,
        params,
      );
      const [plan] = result.rows[0]?.["QUERY PLAN"] as [
        { Plan: PlanNode; "Planning Time": number; "Execution Time": number },
      ];
      const scans: string[] = [];
      collectScans(plan.Plan, scans);
      plans.push({
        statement: /\bGROUP BY\b/.test(statement.query) ? "stage counts" : "page rows",
        planningMs: plan["Planning Time"],
        executionMs: plan["Execution Time"],
        scans: [...new Set(scans)],
      });
    }
    // The two statements run concurrently, so their log order varies.
    return plans.sort((a, b) => b.statement.localeCompare(a.statement));
  } finally {
    await client.end();
  }
}

async function timeAsync(task: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await task();
  return performance.now() - startedAt;
}

async function measureDirect(
  database: BenchDatabase,
  viewerId: string,
): Promise<{
  baselineMedianMs: number;
  cases: DirectCaseResult[];
  statementsPerPage: DashboardResult["statementsPerPage"];
}> {
  const opened = await openDatabase({ databaseUrl: database.url });
  const logging = openLoggingClient(database.url);
  try {
    const db = opened.prisma;
    const baseline: number[] = [];
    for (let run = 0; run < DIRECT_WARMUPS + DIRECT_RUNS; run += 1) {
      const ms = await timeAsync(() => db.$queryRaw`SELECT 1`);
      if (run >= DIRECT_WARMUPS) {
        baseline.push(ms);
      }
    }

    const cases: DirectCaseResult[] = [];
    for (const dashboardCase of DASHBOARD_CASES) {
      const params = { ...DEFAULT_DASHBOARD_PARAMS, ...dashboardCase.changes };
      const times: number[] = [];
      let rows = 0;
      let total = 0;
      for (let run = 0; run < DIRECT_WARMUPS + DIRECT_RUNS; run += 1) {
        const startedAt = performance.now();
        const page = await getDashboardPage(db, params, { viewerId });
        const ms = performance.now() - startedAt;
        if (run >= DIRECT_WARMUPS) {
          times.push(ms);
        }
        rows = page.rows.length;
        total = page.total;
      }
      logging.statements.length = 0;
      await getDashboardPage(logging.prisma, params, { viewerId });
      const plans = await explainStatements(database.url, logging.statements);
      cases.push({
        name: dashboardCase.name,
        ...summarizeDirect(times),
        rows,
        total,
        plans,
      });
      print(
        `  ${dashboardCase.name}: median ${formatMs(median(times))} direct, ` +
          `SQL execution ${plans.map((plan) => formatMs(plan.executionMs)).join(" + ")}`,
      );
    }

    // Statements per page, the way the page loads its data (lib/dashboard/load.ts).
    const statementsPerPage: DashboardResult["statementsPerPage"] = [];
    for (const pageSize of [25, 100] as const) {
      logging.statements.length = 0;
      const params = { ...DEFAULT_DASHBOARD_PARAMS, pageSize };
      await Promise.all([
        getDashboardPage(logging.prisma, params, { viewerId }),
        listOwnerOptions(logging.prisma),
      ]);
      statementsPerPage.push({ pageSize, statements: logging.statements.length });
    }

    return { baselineMedianMs: median(baseline), cases, statementsPerPage };
  } finally {
    await logging.close();
    await opened.close();
  }
}

function median(times: readonly number[]): number {
  return summarizeTimes(times).medianMs;
}

function summarizeDirect(times: readonly number[]) {
  const summary = summarizeTimes(times);
  return { medianMs: summary.medianMs, p95Ms: summary.p95Ms, maxMs: summary.maxMs };
}

/** Checks that the cookie signs in and the page is the dashboard, not the sign-in page. */
async function assertDashboardResponds(baseUrl: string, cookie: string): Promise<void> {
  const response = await fetch(`${baseUrl}/staff`, {
    headers: { Cookie: cookie },
    redirect: "manual",
  });
  const html = await response.text();
  if (response.status !== 200 || !html.includes("Seed ")) {
    throw new Error(
      `GET /staff with the seeded session returned HTTP ${response.status} without seeded customers; ` +
        "check that the staff session cookie is still authjs.session-token.",
    );
  }
}

export async function measureDashboardQueries(
  database: BenchDatabase,
  viewerId: string,
): Promise<Pick<DashboardResult, "direct" | "statementsPerPage">> {
  const direct = await measureDirect(database, viewerId);
  return {
    direct: { baselineMedianMs: direct.baselineMedianMs, cases: direct.cases },
    statementsPerPage: direct.statementsPerPage,
  };
}

export async function measureDashboardHttp(
  baseUrl: string,
  cookie: string,
  serverPid: number,
  onLoadStart: () => void,
  onLoadEnd: () => void,
): Promise<Pick<DashboardResult, "sequential" | "load">> {
  await assertDashboardResponds(baseUrl, cookie);

  const sequential: DashboardResult["sequential"] = [];
  const sequentialTargets = [
    { name: "GET /api/health (baseline)", path: "/api/health" },
    ...DASHBOARD_CASES.map((dashboardCase) => ({
      name: `GET ${dashboardCase.path}`,
      path: dashboardCase.path,
    })),
  ];
  for (const target of sequentialTargets) {
    // One untimed request first, so that each route's code is loaded.
    await timeSequentialRequests(`${baseUrl}${target.path}`, cookie, 1);
    const times = await timeSequentialRequests(
      `${baseUrl}${target.path}`,
      cookie,
      SEQUENTIAL_REQUESTS,
    );
    sequential.push({ ...target, ...summarizeTimes(times) });
  }

  const load: DashboardResult["load"] = [];
  onLoadStart();
  try {
    for (const target of LOAD_TARGETS) {
      const cpuBeforeMs = readCpuMs(serverPid);
      const startedAt = performance.now();
      const summary = await runLoad({
        url: `${baseUrl}${target.path}`,
        cookie,
        connections: LOAD_CONNECTIONS,
        durationSeconds: LOAD_SECONDS,
      });
      const cpuMs = readCpuMs(serverPid) - cpuBeforeMs;
      load.push({
        ...summary,
        name: target.name,
        path: target.path,
        baseline: target.baseline ?? false,
        serverCpuMsPerRequest: cpuMs / summary.requests,
        serverCores: cpuMs / (performance.now() - startedAt),
      });
      print(
        `  ${target.name}: p50 ${formatMs(summary.p50Ms)}, p95 ${formatMs(summary.p95Ms)}, ` +
          `${Math.round(summary.requestsPerSecond)} requests/s, ${summary.failures} failures`,
      );
    }
  } finally {
    onLoadEnd();
  }
  return { sequential, load };
}
