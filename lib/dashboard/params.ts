// The dashboard's state, kept in the URL's search parameters. Each parameter
// is parsed on its own, and an invalid value falls back to that parameter's
// default, so a hand-edited or outdated URL still shows a page.
import { z } from "zod";

import { DASHBOARD_STAGES, type DashboardStage } from "@/lib/onboarding/stage";

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const SORT_KEYS = ["activity", "company", "stage"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type SortDirection = "asc" | "desc";

/** "all", "mine", "unassigned", or a staff user's id. */
export type OwnerFilter = "all" | "mine" | "unassigned" | { userId: string };

export const MAX_SEARCH_LENGTH = 200;

export type DashboardParams = {
  stage: DashboardStage | null;
  owner: OwnerFilter;
  /** Case-insensitive substring of the company name; empty for no search. */
  search: string;
  sort: SortKey;
  direction: SortDirection;
  /** 1-based page number. */
  page: number;
  pageSize: PageSize;
};

/** Direction used when a sort is chosen without one: newest activity first, A to Z. */
export const DEFAULT_DIRECTIONS: Record<SortKey, SortDirection> = {
  activity: "desc",
  company: "asc",
  stage: "asc",
};

export const DEFAULT_DASHBOARD_PARAMS: DashboardParams = {
  stage: null,
  owner: "all",
  search: "",
  sort: "activity",
  direction: "desc",
  page: 1,
  pageSize: 25,
};

/** Highest page number accepted in a URL, far beyond any real customer list. */
const MAX_PAGE = 100_000;

const stageSchema = z.enum(DASHBOARD_STAGES as [DashboardStage, ...DashboardStage[]]);
const sortSchema = z.enum(SORT_KEYS);
const directionSchema = z.enum(["asc", "desc"]);
const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);
const pageSizeSchema = z.coerce
  .number()
  .int()
  .refine((value): value is PageSize =>
    (PAGE_SIZES as readonly number[]).includes(value),
  );
/** Staff user ids are cuids; the pattern only keeps odd characters out of the query. */
const ownerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export type RawSearchParams = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseOr<T>(schema: z.ZodType<T>, value: string | undefined, fallback: T): T {
  if (value === undefined) {
    return fallback;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

function parseOwner(value: string | undefined): OwnerFilter {
  if (value === undefined || value === "" || value === "all") {
    return "all";
  }
  if (value === "mine" || value === "unassigned") {
    return value;
  }
  const parsed = ownerIdSchema.safeParse(value);
  return parsed.success ? { userId: parsed.data } : "all";
}

function parseSearch(value: string | undefined): string {
  // Control characters become spaces, because PostgreSQL rejects NUL in text.
  // Runs of whitespace collapse, so "Acme  Ltd" and "Acme Ltd" search alike.
  return (value ?? "")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_SEARCH_LENGTH);
}

/** Parses the dashboard's search parameters, using defaults for invalid values instead of throwing. */
export function parseDashboardParams(searchParams: RawSearchParams): DashboardParams {
  const sort = parseOr(
    sortSchema,
    firstValue(searchParams.sort),
    DEFAULT_DASHBOARD_PARAMS.sort,
  );
  return {
    stage: parseOr(stageSchema, firstValue(searchParams.stage), null),
    owner: parseOwner(firstValue(searchParams.owner)),
    search: parseSearch(firstValue(searchParams.q)),
    sort,
    direction: parseOr(
      directionSchema,
      firstValue(searchParams.dir),
      DEFAULT_DIRECTIONS[sort],
    ),
    page: parseOr(pageSchema, firstValue(searchParams.page), 1),
    pageSize: parseOr(pageSizeSchema, firstValue(searchParams.size), 25),
  };
}

function ownerParam(owner: OwnerFilter): string {
  return typeof owner === "string" ? owner : owner.userId;
}

/**
 * Builds the dashboard's URL for `params` with `changes` applied. Defaults
 * are left out to keep URLs short. A change of filter, search, sort or page
 * size goes back to page 1 unless `changes` sets a page.
 */
export function dashboardHref(
  params: DashboardParams,
  changes: Partial<DashboardParams> = {},
): string {
  const resetsPage = (Object.keys(changes) as (keyof DashboardParams)[]).some(
    (key) => key !== "page",
  );
  const next: DashboardParams = {
    ...params,
    ...(resetsPage ? { page: 1 } : {}),
    ...changes,
  };

  const query = new URLSearchParams();
  if (next.stage) {
    query.set("stage", next.stage);
  }
  if (next.owner !== "all") {
    query.set("owner", ownerParam(next.owner));
  }
  if (next.search) {
    query.set("q", next.search);
  }
  if (next.sort !== DEFAULT_DASHBOARD_PARAMS.sort) {
    query.set("sort", next.sort);
  }
  if (next.direction !== DEFAULT_DIRECTIONS[next.sort]) {
    query.set("dir", next.direction);
  }
  if (next.pageSize !== DEFAULT_DASHBOARD_PARAMS.pageSize) {
    query.set("size", String(next.pageSize));
  }
  if (next.page > 1) {
    query.set("page", String(next.page));
  }
  const text = query.toString();
  return text ? `/staff?${text}` : "/staff";
}

/** Returns the owner filter as the value of the filter form's select. */
export function ownerFilterValue(owner: OwnerFilter): string {
  return ownerParam(owner);
}
