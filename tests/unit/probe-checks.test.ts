// Field reading and the probe's checks on hand-built employee objects.
import { describe, expect, test } from "vitest";

import type { FieldMetadata } from "@/lib/hibob/client";
import {
  checkAccessScope,
  chooseHistoryCandidate,
  evaluateHistoryRows,
  HISTORY_TABLE_CHECKS,
  planSearchFields,
} from "@/lib/probe/checks";
import {
  hasField,
  indexFields,
  matchCatalogueCategory,
  readEmployeeId,
  readFieldValue,
  toIsoDate,
} from "@/lib/probe/fields";

function meta(
  id: string,
  categoryId: string,
  categoryDisplayName: string,
): FieldMetadata {
  return {
    id,
    categoryId,
    categoryDisplayName,
    name: null,
    jsonPath: null,
    type: null,
    historical: false,
  };
}

const WORK_CHECK = HISTORY_TABLE_CHECKS.find((check) => check.table === "work");
if (WORK_CHECK === undefined) {
  throw new Error("work history check missing");
}

describe("hasField", () => {
  test("finds slash keys", () => {
    expect(hasField({ "/work/title": { value: "Engineer" } }, "work.title")).toBe(true);
  });

  test("finds nested keys", () => {
    expect(hasField({ work: { reportsTo: { id: "7" } } }, "work.reportsTo.id")).toBe(
      true,
    );
  });

  test("finds root fields at the top level", () => {
    expect(hasField({ email: "a@example.test" }, "root.email")).toBe(true);
  });

  test("counts null values as present", () => {
    expect(hasField({ work: { title: null } }, "work.title")).toBe(true);
  });

  test("reports absent fields", () => {
    expect(hasField({ work: { title: "x" } }, "work.department")).toBe(false);
    expect(hasField({ work: "flat" }, "work.title")).toBe(false);
  });

  test("uses the metadata jsonPath", () => {
    expect(
      hasField({ firstName: "Ada" }, { id: "root.firstName", jsonPath: "firstName" }),
    ).toBe(true);
  });
});

describe("readFieldValue", () => {
  test("prefers the slash value", () => {
    expect(
      readFieldValue({ "/work/startDate": { value: "2020-01-01" } }, "work.startDate"),
    ).toBe("2020-01-01");
  });

  test("falls back to nested values", () => {
    expect(
      readFieldValue(
        { "/work/startDate": { value: null }, work: { startDate: "2021-02-03" } },
        "work.startDate",
      ),
    ).toBe("2021-02-03");
  });

  test("reads numeric ids", () => {
    expect(readEmployeeId({ id: 3332883884 })).toBe("3332883884");
    expect(readEmployeeId({})).toBeUndefined();
  });
});

describe("toIsoDate", () => {
  test("keeps the date part", () => {
    expect(toIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(toIsoDate("2024-02-29T10:00:00Z")).toBe("2024-02-29");
  });

  test("rejects other values", () => {
    expect(toIsoDate(20240229)).toBeUndefined();
    expect(toIsoDate("not a date")).toBeUndefined();
  });
});

describe("matchCatalogueCategory", () => {
  test("matches HiBob category ids first", () => {
    expect(
      matchCatalogueCategory({ categoryId: "home", categoryDisplayName: "Work" })?.id,
    ).toBe("personal_contact_details");
  });

  test("falls back to the display name ignoring case", () => {
    expect(
      matchCatalogueCategory({
        categoryId: "category_1",
        categoryDisplayName: "work CONTACT details",
      })?.id,
    ).toBe("work_contact_details");
  });

  test("leaves unknown categories unmatched", () => {
    expect(
      matchCatalogueCategory({
        categoryId: "category_1",
        categoryDisplayName: "Sensitive details",
      }),
    ).toBeUndefined();
    expect(
      matchCatalogueCategory({ categoryId: "about", categoryDisplayName: "About" }),
    ).toBeUndefined();
  });
});

describe("planSearchFields", () => {
  test("includes probe fields that exist in metadata", () => {
    const index = indexFields([
      meta("root.id", "root", "Basic info"),
      meta("work.startDate", "work", "Work"),
      meta("about.hobbies", "about", "About"),
    ]);
    expect(planSearchFields(index, ["basic_info"])).toEqual([
      "root.id",
      "work.startDate",
    ]);
  });

  test("shares the 400 fields between categories", () => {
    const fields = [
      ...Array.from({ length: 600 }, (_, i) => meta(`work.custom.f${i}`, "work", "Work")),
      ...Array.from({ length: 3 }, (_, i) =>
        meta(`home.f${i}`, "home", "Personal contact details"),
      ),
    ];
    const planned = planSearchFields(indexFields(fields), [
      "work",
      "personal_contact_details",
    ]);
    expect(planned).toHaveLength(400);
    expect(planned).toEqual(expect.arrayContaining(["home.f0", "home.f1", "home.f2"]));
  });
});

describe("history candidates", () => {
  const employees = [
    { id: "1", work: { startDate: "2020-01-01", activeEffectiveDate: "2020-01-01" } },
    { id: "2", work: { startDate: "2020-01-01", activeEffectiveDate: "2021-01-01" } },
    { id: "3", work: { startDate: "2015-01-01", activeEffectiveDate: "2024-01-01" } },
  ];

  test("picks the longest gap", () => {
    expect(chooseHistoryCandidate(employees, WORK_CHECK)).toEqual({
      employeeId: "3",
      startDate: "2015-01-01",
      currentRowDate: "2024-01-01",
    });
  });

  test("needs a change after the start date", () => {
    expect(chooseHistoryCandidate(employees.slice(0, 1), WORK_CHECK)).toBeUndefined();
  });

  const candidate = {
    employeeId: "3",
    startDate: "2015-01-01",
    currentRowDate: "2024-01-01",
  };

  test("two rows grant history", () => {
    const rows = [{ effectiveDate: "2015-01-01" }, { effectiveDate: "2024-01-01" }];
    expect(evaluateHistoryRows(rows, candidate)).toEqual({ result: "granted" });
  });

  test("only the current row means history is missing", () => {
    expect(evaluateHistoryRows([{ effectiveDate: "2024-01-01" }], candidate)).toEqual({
      result: "missing",
    });
  });

  test("no rows are inconclusive", () => {
    expect(evaluateHistoryRows([], candidate)).toEqual({
      result: "unknown",
      reason: "inconclusive",
    });
  });
});

describe("checkAccessScope", () => {
  const index = indexFields([
    meta("root.id", "root", "Basic info"),
    meta("work.startDate", "work", "Work"),
    meta("internal.lifecycleStatus", "lifecycle", "Lifecycle"),
  ]);

  test("leave counts as employed", () => {
    const employees = [
      { id: "1", internal: { lifecycleStatus: "Leave" } },
      { id: "2", internal: { lifecycleStatus: "hired" } },
      { id: "3", internal: { lifecycleStatus: "terminated" } },
    ];
    const scope = checkAccessScope({
      index,
      employees,
      activeCount: 2,
      today: "2025-01-01",
    });
    expect(scope.missing).toEqual([]);
    expect(scope.source).toBe("lifecycle_status");
  });

  test("missing statuses are listed", () => {
    const employees = [{ id: "1", internal: { lifecycleStatus: "employed" } }];
    const scope = checkAccessScope({
      index,
      employees,
      activeCount: 1,
      today: "2025-01-01",
    });
    expect(scope.missing).toEqual(["hired", "terminated"]);
  });

  test("unknown status values fall back to inference", () => {
    const employees = [
      {
        id: "1",
        internal: { lifecycleStatus: "list_item_17" },
        work: { startDate: "2020-01-01" },
      },
      {
        id: "2",
        internal: { lifecycleStatus: "list_item_18" },
        work: { startDate: "2026-01-01" },
      },
      {
        id: "3",
        internal: { lifecycleStatus: "list_item_19" },
        work: { startDate: "2019-01-01" },
      },
    ];
    const scope = checkAccessScope({
      index,
      employees,
      activeCount: 2,
      today: "2025-01-01",
    });
    expect(scope.source).toBe("inferred");
    expect(scope.missing).toEqual([]);
  });

  test("inference uses counts and start dates", () => {
    const employees = [
      { id: "1", work: { startDate: "2020-01-01" } },
      { id: "2", work: { startDate: "2026-01-01" } },
    ];
    const scope = checkAccessScope({
      index,
      employees,
      activeCount: 2,
      today: "2025-01-01",
    });
    expect(scope).toEqual({
      seen: ["hired", "employed"],
      missing: ["terminated"],
      unknown: [],
      source: "inferred",
    });
  });

  test("inference without start dates is unknown", () => {
    const employees = [{ id: "1" }, { id: "2" }];
    const scope = checkAccessScope({
      index,
      employees,
      activeCount: 1,
      today: "2025-01-01",
    });
    expect(scope.seen).toEqual(["terminated"]);
    expect(scope.unknown).toEqual(["hired", "employed"]);
  });
});
