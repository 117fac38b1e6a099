// Fix texts: where in HiBob, which permission, and why.
import { describe, expect, test } from "vitest";

import {
  PERMISSION_CATEGORIES,
  describePermission,
  getPermissionCategory,
} from "@/lib/hibob/categories";
import {
  buildAccessScopeFix,
  buildCategoryFix,
  buildNoEmployeesBasicInfoFix,
  buildUnverifiableAccessScopeFix,
  permissionLabel,
} from "@/lib/probe/fixes";
import { noEmployeesCategoryResult, toCategoryResult } from "@/lib/probe/result";

const PLACE = "Settings › Permission groups";

describe("buildCategoryFix", () => {
  test("every missing permission names place, label and reason", () => {
    for (const category of PERMISSION_CATEGORIES) {
      for (const kind of category.permissions) {
        const fix = buildCategoryFix({ category, missing: [kind], unverified: [] });
        expect(fix, `${category.id} ${kind}`).toContain(PLACE);
        expect(fix, `${category.id} ${kind}`).toContain(
          `People's data › ${category.name}`,
        );
        expect(fix, `${category.id} ${kind}`).toContain(
          describePermission(category, kind),
        );
        expect(fix, `${category.id} ${kind}`).toContain(category.reason);
      }
    }
  });

  test("nothing to do gives an empty fix", () => {
    const work = getPermissionCategory("work");
    expect(buildCategoryFix({ category: work, missing: [], unverified: [] })).toBe("");
  });

  test("Edit comes with the reason it is requested", () => {
    const personal = getPermissionCategory("personal");
    const fix = buildCategoryFix({
      category: personal,
      missing: ["edit"],
      unverified: [],
    });
    expect(fix).toContain("Edit selected employees' Personal sections");
    expect(fix).toContain("only when both View and Edit are granted");
    expect(fix).toContain("Edit is requested only for this reason.");
    expect(fix).toContain("The vendor never changes employee data.");
  });

  test("Edit note fills a silent reason", () => {
    const work = getPermissionCategory("work");
    const withEdit = { ...work, permissions: ["view", "edit"] as const };
    const fix = buildCategoryFix({
      category: withEdit,
      missing: ["edit"],
      unverified: [],
    });
    expect(fix).toContain("Edit is requested only because HiBob hides sensitive fields");
    expect(fix).toContain("The vendor never changes employee data.");
  });

  test("Edit reason is not repeated", () => {
    const lifecycle = getPermissionCategory("lifecycle");
    const fix = buildCategoryFix({
      category: lifecycle,
      missing: [],
      unverified: [{ kind: "edit", reason: "not_provable" }],
    });
    expect(fix.match(/Edit is requested only because/g)).toHaveLength(1);
    expect(fix).toContain("The vendor never changes employee data.");
    expect(fix).toContain("check it by hand");
  });

  test("Edit is not mentioned when only View is missing", () => {
    const work = getPermissionCategory("work");
    const fix = buildCategoryFix({ category: work, missing: ["view"], unverified: [] });
    expect(fix).not.toContain("Edit");
  });

  test("several permissions are listed together", () => {
    const work = getPermissionCategory("work");
    const fix = buildCategoryFix({
      category: work,
      missing: ["view", "view_history"],
      unverified: [],
    });
    expect(fix).toContain(
      `turn on "View selected employees' Work sections" and "View selected employees' Work section histories"`,
    );
  });

  test("History names the profile changes permission", () => {
    const history = getPermissionCategory("history");
    const fix = buildCategoryFix({
      category: history,
      missing: [],
      unverified: [{ kind: "view", reason: "no_api" }],
    });
    expect(fix).toContain("HiBob's API cannot read profile change history");
    expect(fix).toContain("People's data › History");
    expect(fix).toContain(`"View selected employees' profile changes history"`);
  });

  test("moved date of birth names its new category", () => {
    const personal = getPermissionCategory("personal");
    const fix = buildCategoryFix({
      category: personal,
      missing: [],
      unverified: [],
      moved: {
        fieldName: "Date of birth",
        hibobCategoryName: "Sensitive details",
        missing: ["view", "edit"],
      },
    });
    expect(fix).toContain(
      'Date of birth now lives in the "Sensitive details" category in your HiBob account, so grant View and Edit on that category',
    );
    expect(fix).toContain("People's data › Sensitive details");
    expect(fix).toContain("The vendor never changes employee data.");
  });

  test("history without candidate says why", () => {
    const employment = getPermissionCategory("employment");
    const fix = buildCategoryFix({
      category: employment,
      missing: [],
      unverified: [{ kind: "view_history", reason: "no_history_candidate" }],
    });
    expect(fix).toContain("No visible employee has a change in their Employment data");
    expect(fix).toContain("View selected employees' Employment section histories");
  });
});

describe("permissionLabel", () => {
  test("matches the catalogue wording", () => {
    const work = getPermissionCategory("work");
    for (const kind of work.permissions) {
      expect(permissionLabel(work.name, kind)).toBe(describePermission(work, kind));
    }
  });
});

describe("no employees fixes", () => {
  test("Basic info covers both causes", () => {
    const fix = buildNoEmployeesBasicInfoFix(getPermissionCategory("basic_info"));
    expect(fix).toContain("add the service user as a member");
    expect(fix).toContain("View selected employees' Basic info sections");
  });

  test("other categories wait for employees", () => {
    const result = noEmployeesCategoryResult(getPermissionCategory("lifecycle"));
    expect(result).toMatchObject({
      status: "unverifiable",
      missing: [],
      unverified: ["view", "edit", "view_history"],
    });
    expect(result.fix).toContain("once the service user can see employees");
    expect(result.fix).toContain("are turned on");
  });
});

describe("access scope fixes", () => {
  test("missing statuses name the condition", () => {
    const fix = buildAccessScopeFix(["terminated"]);
    expect(fix).toContain("The service user sees no Terminated employees.");
    expect(fix).toContain("People's data › Access rights");
    expect(fix).toContain('"Select people by condition"');
    expect(fix).toContain("Lifecycle status Hired, Employed and Terminated");
    expect(fix).toContain(
      'With "Everyone", HiBob gives access to active employees only.',
    );
    expect(fix).toContain("If your company has no Terminated employees at the moment");
  });

  test("several statuses are joined with or", () => {
    expect(buildAccessScopeFix(["hired", "terminated"])).toContain(
      "no Hired or Terminated employees",
    );
  });

  test("complete scope needs no fix", () => {
    expect(buildAccessScopeFix([])).toBe("");
  });

  test("unverifiable scope explains why", () => {
    const fix = buildUnverifiableAccessScopeFix({
      noEmployees: false,
      unknown: ["hired", "employed"],
    });
    expect(fix).toContain("Hired or Employed");
    expect(fix).toContain("Select people by condition");
  });
});

describe("toCategoryResult", () => {
  test("missing View makes the category missing", () => {
    const result = toCategoryResult(getPermissionCategory("personal"), {
      view: "missing",
      edit: "unknown",
    });
    expect(result).toMatchObject({
      status: "missing",
      missing: ["view"],
      unverified: ["edit"],
    });
    expect(result.fix).toContain("can be checked only once View is granted");
  });

  test("nothing verified is unverifiable", () => {
    const result = toCategoryResult(getPermissionCategory("identification"), {
      view: "unknown",
    });
    expect(result).toMatchObject({
      status: "unverifiable",
      missing: [],
      unverified: ["view"],
    });
  });

  test("missing history is partial", () => {
    const result = toCategoryResult(getPermissionCategory("work"), {
      view: "granted",
      viewHistory: { result: "missing" },
    });
    expect(result).toMatchObject({
      status: "partial",
      missing: ["view_history"],
      unverified: [],
    });
  });
});
