import "server-only";

import type { DatabaseExecutor } from "@/lib/db/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OnboardingStage, ProbeOutcome } from "@/lib/generated/prisma/enums";
import {
  DASHBOARD_STAGES,
  toDashboardStage,
  type DashboardStage,
} from "@/lib/onboarding/stage";

import type { DashboardParams, OwnerFilter } from "./params";

export type DashboardOwner = { id: string; name: string | null; email: string };

export type DashboardRow = {
  id: string;
  companyName: string;
  stage: DashboardStage;
  lastActivityAt: Date;
  linkExpiresAt: Date | null;
  owner: DashboardOwner | null;
  /** Summary of the newest finished probe run, or null before the first one. */
  latestProbe: {
    outcome: ProbeOutcome | null;
    missingCount: number | null;
    at: Date;
  } | null;
};

export type DashboardPage = {
  /** The parameters used, with the page moved onto the last page when it was beyond it. */
  params: DashboardParams;
  rows: DashboardRow[];
  /** Customers that match every filter. */
  total: number;
  pageCount: number;
  /** Customers per stage that match the owner filter and the search, whatever the stage filter. */
  stageCounts: Record<DashboardStage, number>;
};

export type DashboardQueryOptions = {
  /** The signed-in staff user, for the "mine" owner filter. */
  viewerId: string;
  /** The time that decides which links have expired. */
  now?: Date;
  /** Overrides the page size of `params`, for tests. */
  pageSize?: number;
};

/** Escapes `\`, `%` and `_` so a search matches them literally in ILIKE. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Returns the stage the dashboard shows as a SQL expression. It must agree with
 * `toDashboardStage`: an unfinished onboarding whose link expired is "expired".
 */
function dashboardStageSql(now: Date): Prisma.Sql {
  return Prisma.sql`CASE WHEN c.stage <> 'connected' AND c.link_expires_at <= ${now}::timestamptz THEN 'expired' ELSE c.stage::text END`;
}

/** Returns the stage's position in DASHBOARD_STAGES as a SQL expression, for sorting. */
function stagePositionSql(now: Date): Prisma.Sql {
  // The stage names are constants of this module, never user input.
  const cases = DASHBOARD_STAGES.map(
    (stage, index) => `WHEN '${stage}' THEN ${index}`,
  ).join(" ");
  return Prisma.sql`(CASE ${dashboardStageSql(now)} ${Prisma.raw(cases)} END)`;
}

function ownerConditionSql(owner: OwnerFilter, viewerId: string): Prisma.Sql | null {
  if (owner === "all") {
    return null;
  }
  if (owner === "unassigned") {
    return Prisma.sql`c.owner_id IS NULL`;
  }
  const userId = owner === "mine" ? viewerId : owner.userId;
  return Prisma.sql`c.owner_id = ${userId}`;
}

function stageConditionSql(stage: DashboardStage, now: Date): Prisma.Sql {
  if (stage === "expired") {
    return Prisma.sql`(c.stage <> 'connected' AND c.link_expires_at <= ${now}::timestamptz)`;
  }
  if (stage === "connected") {
    return Prisma.sql`c.stage = 'connected'`;
  }
  return Prisma.sql`(c.stage = ${stage}::"OnboardingStage" AND (c.link_expires_at IS NULL OR c.link_expires_at > ${now}::timestamptz))`;
}

function whereSql(conditions: (Prisma.Sql | null)[]): Prisma.Sql {
  const present = conditions.filter(
    (condition): condition is Prisma.Sql => condition !== null,
  );
  return present.length > 0
    ? Prisma.sql`WHERE ${Prisma.join(present, " AND ")}`
    : Prisma.empty;
}

function orderBySql(params: DashboardParams, now: Date): Prisma.Sql {
  const direction = Prisma.raw(params.direction === "asc" ? "ASC" : "DESC");
  switch (params.sort) {
    case "company":
      return Prisma.sql`ORDER BY lower(c.company_name) ${direction}, c.id ${direction}`;
    case "stage":
      return Prisma.sql`ORDER BY ${stagePositionSql(now)} ${direction}, c.last_activity_at DESC, c.id DESC`;
    case "activity":
      return Prisma.sql`ORDER BY c.last_activity_at ${direction}, c.id ${direction}`;
  }
}

type StageCountRow = { stage: string; count: number };

type CustomerRow = {
  id: string;
  companyName: string;
  stage: OnboardingStage;
  lastActivityAt: Date;
  linkExpiresAt: Date | null;
  latestProbeOutcome: ProbeOutcome | null;
  latestProbeAt: Date | null;
  missingCount: number | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
};

function toDashboardRow(row: CustomerRow, now: Date): DashboardRow {
  return {
    id: row.id,
    companyName: row.companyName,
    stage: toDashboardStage(row.stage, row.linkExpiresAt, now),
    lastActivityAt: row.lastActivityAt,
    linkExpiresAt: row.linkExpiresAt,
    owner:
      row.ownerId !== null && row.ownerEmail !== null
        ? { id: row.ownerId, name: row.ownerName, email: row.ownerEmail }
        : null,
    latestProbe: row.latestProbeAt
      ? {
          outcome: row.latestProbeOutcome,
          missingCount: row.missingCount,
          at: row.latestProbeAt,
        }
      : null,
  };
}

function emptyStageCounts(): Record<DashboardStage, number> {
  return Object.fromEntries(DASHBOARD_STAGES.map((stage) => [stage, 0])) as Record<
    DashboardStage,
    number
  >;
}

/**
 * Loads one dashboard page with two SQL queries, whatever the page size: the
 * customers per stage in one GROUP BY (the total is derived from it), and the
 * page's rows joined with their owners. Both read only the summary columns
 * that `refreshCustomerSummary` keeps on each customer.
 */
export async function getDashboardPage(
  db: DatabaseExecutor,
  params: DashboardParams,
  options: DashboardQueryOptions,
): Promise<DashboardPage> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? params.pageSize;
  const ownerCondition = ownerConditionSql(params.owner, options.viewerId);
  const searchCondition = params.search
    ? Prisma.sql`c.company_name ILIKE ${`%${escapeLikePattern(params.search)}%`} ESCAPE '\\'`
    : null;
  const stageCondition = params.stage ? stageConditionSql(params.stage, now) : null;
  const rowsWhere = whereSql([ownerCondition, searchCondition, stageCondition]);

  const countsQuery = db.$queryRaw<StageCountRow[]>`
    SELECT ${dashboardStageSql(now)} AS stage, count(*)::int AS count
    FROM customers c
    ${whereSql([ownerCondition, searchCondition])}
    GROUP BY 1`;
  const rowsQuery = (page: number) => db.$queryRaw<CustomerRow[]>`
    SELECT c.id, c.company_name AS "companyName", c.stage::text AS stage,
      c.last_activity_at AS "lastActivityAt", c.link_expires_at AS "linkExpiresAt",
      c.latest_probe_outcome::text AS "latestProbeOutcome", c.latest_probe_at AS "latestProbeAt",
      c.missing_count AS "missingCount", c.owner_id AS "ownerId",
      u.name AS "ownerName", u.email AS "ownerEmail"
    FROM customers c
    LEFT JOIN users u ON u.id = c.owner_id
    ${rowsWhere}
    ${orderBySql(params, now)}
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;

  // The counts and the requested page are read at the same time. Only a page
  // beyond the last one costs a third query, for the last page.
  const [countRows, requestedRows] = await Promise.all([
    countsQuery,
    rowsQuery(params.page),
  ]);

  const stageCounts = emptyStageCounts();
  for (const row of countRows) {
    if (row.stage in stageCounts) {
      stageCounts[row.stage as DashboardStage] = row.count;
    }
  }
  const total = params.stage
    ? stageCounts[params.stage]
    : Object.values(stageCounts).reduce((sum, count) => sum + count, 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));

  let page = params.page;
  let rows = requestedRows;
  if (page > pageCount) {
    page = pageCount;
    rows = total > 0 ? await rowsQuery(page) : [];
  }

  return {
    params: { ...params, page },
    rows: rows.map((row) => toDashboardRow(row, now)),
    total,
    pageCount,
    stageCounts,
  };
}

/** Staff users the owner filter offers: every CSM, active or not. */
export async function listOwnerOptions(db: DatabaseExecutor): Promise<DashboardOwner[]> {
  return db.user.findMany({
    where: { role: "csm" },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
