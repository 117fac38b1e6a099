import { describe, expect, test } from "vitest";

import { pageWindow } from "@/components/staff/dashboard-pagination";
import {
  DEFAULT_DASHBOARD_PARAMS,
  dashboardHref,
  parseDashboardParams,
  type DashboardParams,
} from "@/lib/dashboard/params";
import { escapeLikePattern } from "@/lib/dashboard/query";

describe("parseDashboardParams", () => {
  test("empty parameters give the defaults", () => {
    expect(parseDashboardParams({})).toEqual(DEFAULT_DASHBOARD_PARAMS);
  });

  test("valid parameters are kept", () => {
    expect(
      parseDashboardParams({
        stage: "missing_permissions",
        owner: "mine",
        q: "  Acme   Ltd ",
        sort: "company",
        dir: "desc",
        page: "3",
        size: "100",
      }),
    ).toEqual({
      stage: "missing_permissions",
      owner: "mine",
      search: "Acme Ltd",
      sort: "company",
      direction: "desc",
      page: 3,
      pageSize: 100,
    });
  });

  test("expired is a stage filter", () => {
    expect(parseDashboardParams({ stage: "expired" }).stage).toBe("expired");
  });

  test("owner filters", () => {
    expect(parseDashboardParams({ owner: "unassigned" }).owner).toBe("unassigned");
    expect(parseDashboardParams({ owner: "all" }).owner).toBe("all");
    expect(parseDashboardParams({ owner: "cm4abc123def" }).owner).toEqual({
      userId: "cm4abc123def",
    });
    expect(parseDashboardParams({ owner: "x' OR 1=1 --" }).owner).toBe("all");
  });

  const invalid: [string, Record<string, string | string[]>, Partial<DashboardParams>][] =
    [
      ["unknown stage", { stage: "done" }, { stage: null }],
      ["unknown sort", { sort: "owner" }, { sort: "activity", direction: "desc" }],
      ["unknown direction", { sort: "company", dir: "up" }, { direction: "asc" }],
      ["page zero", { page: "0" }, { page: 1 }],
      ["negative page", { page: "-4" }, { page: 1 }],
      ["fractional page", { page: "2.5" }, { page: 1 }],
      ["page text", { page: "two" }, { page: 1 }],
      ["huge page", { page: "1e30" }, { page: 1 }],
      ["page size not offered", { size: "30" }, { pageSize: 25 }],
      ["page size text", { size: "all" }, { pageSize: 25 }],
    ];

  test.each(invalid)("%s falls back to the default", (_name, raw, expected) => {
    expect(parseDashboardParams(raw)).toMatchObject(expected);
  });

  test("one bad parameter keeps the others", () => {
    const params = parseDashboardParams({ stage: "nope", q: "Acme", size: "50" });
    expect(params.stage).toBeNull();
    expect(params.search).toBe("Acme");
    expect(params.pageSize).toBe(50);
  });

  test("repeated parameters use the first value", () => {
    expect(parseDashboardParams({ stage: ["connected", "expired"] }).stage).toBe(
      "connected",
    );
  });

  test("control characters become spaces", () => {
    expect(parseDashboardParams({ q: "Acme\u0000Ltd\t\n" }).search).toBe("Acme Ltd");
  });

  test("long searches are cut to 200 characters", () => {
    expect(parseDashboardParams({ q: "a".repeat(500) }).search).toHaveLength(200);
  });

  test("sort without direction uses the sort's default", () => {
    expect(parseDashboardParams({ sort: "company" }).direction).toBe("asc");
    expect(parseDashboardParams({ sort: "activity" }).direction).toBe("desc");
  });
});

describe("dashboardHref", () => {
  test("defaults give the bare path", () => {
    expect(dashboardHref(DEFAULT_DASHBOARD_PARAMS)).toBe("/staff");
  });

  test("a filter change goes back to page 1", () => {
    const params = { ...DEFAULT_DASHBOARD_PARAMS, page: 4 };
    expect(dashboardHref(params, { stage: "connected" })).toBe("/staff?stage=connected");
  });

  test("a page change keeps the filters", () => {
    const params: DashboardParams = {
      ...DEFAULT_DASHBOARD_PARAMS,
      owner: { userId: "user1" },
      search: "50% off",
    };
    expect(dashboardHref(params, { page: 2 })).toBe(
      "/staff?owner=user1&q=50%25+off&page=2",
    );
  });

  test("links parse back to the same parameters", () => {
    const params: DashboardParams = {
      stage: "expired",
      owner: "unassigned",
      search: "a_b",
      sort: "stage",
      direction: "desc",
      page: 7,
      pageSize: 50,
    };
    const href = dashboardHref(params, { page: 7 });
    const query = Object.fromEntries(new URL(href, "http://localhost").searchParams);
    expect(parseDashboardParams(query)).toEqual(params);
  });
});

describe("escapeLikePattern", () => {
  test("wildcards and backslashes match literally", () => {
    expect(escapeLikePattern("100% a_b \\ c")).toBe("100\\% a\\_b \\\\ c");
  });

  test("plain text is unchanged", () => {
    expect(escapeLikePattern("Acme Ltd")).toBe("Acme Ltd");
  });
});

describe("pageWindow", () => {
  test("few pages are all listed", () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
  });

  test("gaps around the current page", () => {
    expect(pageWindow(10, 400)).toEqual([1, "gap", 8, 9, 10, 11, 12, "gap", 400]);
  });

  test("no gap between adjacent pages", () => {
    expect(pageWindow(3, 6)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
