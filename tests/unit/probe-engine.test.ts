// The probe engine and its result mapping against hand-built HiBob responses
// from an injected fetch. The real simulator is covered by the integration tests.
import { describe, expect, test } from "vitest";

import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import { runProbe } from "@/lib/probe/engine";
import type { CategoryResult, ProbeReport, RunProbeOptions } from "@/lib/probe/types";

const BASE_URL = "http://127.0.0.1:9/v1";
const TOKEN = "engine-unit-token-93c1d0";
const TODAY = new Date("2025-06-15T12:00:00Z");

type MetadataField = {
  id: string;
  categoryId: string;
  categoryDisplayName: string;
  name: string;
};

function field(id: string, categoryId: string, categoryDisplayName: string, name = id) {
  return { id, categoryId, categoryDisplayName, name };
}

const METADATA: MetadataField[] = [
  field("root.id", "root", "Basic info"),
  field("root.email", "root", "Basic info"),
  field("root.firstName", "root", "Basic info"),
  field("work.title", "work", "Work"),
  field("work.startDate", "work", "Work"),
  field("work.activeEffectiveDate", "work", "Work"),
  field("work.workPhone", "workContact", "Work contact details"),
  field("payroll.employment.type", "employment", "Employment"),
  field("payroll.employment.activeEffectiveDate", "employment", "Employment"),
  field("internal.lifecycleStatus", "lifecycle", "Lifecycle"),
  field("internal.currentActiveStatusStartDate", "lifecycle", "Lifecycle"),
  field("personal.birthDate", "personal", "Personal", "Date of birth"),
  field("personal.pronouns", "personal", "Personal"),
  field("home.privateEmail", "home", "Personal contact details"),
  field("identification.ssn", "identification", "Identification"),
  field("financial.passportNumber", "identification", "Identification"),
  field("about.hobbies", "about", "About"),
];

type FakeEmployee = { active: boolean; values: Record<string, unknown> };

const EMPLOYEES: FakeEmployee[] = [
  {
    active: true,
    values: {
      "root.id": "101",
      "root.email": "ada@example.test",
      "root.firstName": "Ada",
      "work.title": "Engineer",
      "work.startDate": "2019-03-01",
      "work.activeEffectiveDate": "2022-01-01",
      "work.workPhone": "+44 20 0000 0001",
      "payroll.employment.type": "Permanent",
      "payroll.employment.activeEffectiveDate": "2021-06-01",
      "internal.lifecycleStatus": "employed",
      "internal.currentActiveStatusStartDate": "2019-03-01",
      "personal.birthDate": "1990-04-02",
      "personal.pronouns": "she/her",
      "home.privateEmail": "ada@home.test",
      "identification.ssn": "123-45-6789",
      "financial.passportNumber": "P1234",
      "about.hobbies": ["chess"],
    },
  },
  {
    active: false,
    values: {
      "root.id": "102",
      "root.email": "bob@example.test",
      "work.title": "Analyst",
      "work.startDate": "2018-01-01",
      "work.activeEffectiveDate": "2018-01-01",
      "payroll.employment.activeEffectiveDate": "2018-01-01",
      "internal.lifecycleStatus": "terminated",
      "internal.currentActiveStatusStartDate": "2023-05-01",
      "personal.birthDate": "1985-09-09",
    },
  },
  {
    active: true,
    values: {
      "root.id": "103",
      "root.email": "cy@example.test",
      "work.title": "Designer",
      "work.startDate": "2099-01-01",
      "work.activeEffectiveDate": "2099-01-01",
      "internal.lifecycleStatus": "hired",
      "internal.currentActiveStatusStartDate": "2099-01-01",
    },
  },
];

type TableAnswer = { status: number; body?: unknown };

const TWO_ROWS: TableAnswer = {
  status: 200,
  body: { values: [{ effectiveDate: "2019-03-01" }, { effectiveDate: "2022-01-01" }] },
};

type FakeHibob = {
  metadata?: MetadataField[];
  employees?: FakeEmployee[];
  /** Field ids HiBob omits from every employee. */
  hidden?: string[];
  metadataStatus?: number;
  tables?: Partial<Record<"work" | "employment" | "lifecycle", TableAnswer>>;
  /** Delays the response to the search with showInactive until this promise resolves. */
  allEmployeesSearchGate?: Promise<void>;
};

type RecordedCall = { method: string; path: string; body: unknown };

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** Renders an employee the way HiBob does: slash keys plus nested objects. */
function renderEmployee(employee: FakeEmployee, fields: string[], hidden: Set<string>) {
  const record: Record<string, unknown> = {};
  for (const id of fields) {
    const value = employee.values[id];
    if (value === undefined || hidden.has(id)) {
      continue;
    }
    record[`/${id.split(".").join("/")}`] = { value };
    const segments = id.split(".");
    const path = segments[0] === "root" ? segments.slice(1) : segments;
    let target = record;
    for (const segment of path.slice(0, -1)) {
      target[segment] ??= {};
      target = target[segment] as Record<string, unknown>;
    }
    target[path.at(-1) as string] = value;
  }
  return record;
}

function fakeHibob(setup: FakeHibob = {}) {
  const calls: RecordedCall[] = [];
  const hidden = new Set(setup.hidden ?? []);
  const employees = setup.employees ?? EMPLOYEES;

  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const path = url.pathname.replace(/^\/v1/, "");
    const method = init?.method ?? "GET";
    const body =
      typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path, body });

    if (method === "GET" && path === "/company/people/fields") {
      if (setup.metadataStatus !== undefined) {
        return jsonResponse({ key: "error", error: "failed" }, setup.metadataStatus);
      }
      return jsonResponse(setup.metadata ?? METADATA);
    }
    if (method === "POST" && path === "/people/search") {
      const request = body as { fields: string[]; showInactive: boolean };
      if (request.showInactive) {
        await setup.allEmployeesSearchGate;
      }
      const matching = employees.filter(
        (employee) => request.showInactive || employee.active,
      );
      return jsonResponse({
        employees: matching.map((employee) =>
          renderEmployee(employee, request.fields, hidden),
        ),
      });
    }
    const table = /^\/people\/([^/]+)\/(work|employment|lifecycle)$/.exec(path);
    if (method === "GET" && table !== null) {
      const answer =
        setup.tables?.[table[2] as "work" | "employment" | "lifecycle"] ?? TWO_ROWS;
      return jsonResponse(answer.body ?? { key: "x", error: "denied" }, answer.status);
    }
    return jsonResponse({ key: "not_found", error: "Not found" }, 404);
  };

  return { fetch: fetchImpl as typeof fetch, calls };
}

/** Returns the fields of the search that includes inactive employees. */
function allEmployeesSearchFields(hibob: ReturnType<typeof fakeHibob>): string[] {
  const search = hibob.calls.find(
    (call) =>
      call.path === "/people/search" &&
      (call.body as { showInactive?: boolean }).showInactive === true,
  );
  return (search?.body as { fields: string[] } | undefined)?.fields ?? [];
}

function probe(
  hibob: ReturnType<typeof fakeHibob>,
  options: Partial<RunProbeOptions> = {},
) {
  return runProbe({
    baseUrl: BASE_URL,
    serviceUserId: "SERVICE-ENGINE01",
    token: TOKEN,
    fetch: hibob.fetch,
    now: () => TODAY,
    ...options,
  });
}

function category(report: ProbeReport, id: PermissionCategoryId): CategoryResult {
  const found = report.categories.find((candidate) => candidate.id === id);
  if (found === undefined) {
    throw new Error(`category ${id} missing from the report`);
  }
  return found;
}

function statuses(report: ProbeReport) {
  return Object.fromEntries(
    report.categories.map((result) => [
      result.id,
      { status: result.status, missing: result.missing, unverified: result.unverified },
    ]),
  );
}

const FULL_ACCESS_STATUSES = {
  basic_info: { status: "granted", missing: [], unverified: [] },
  employment: { status: "granted", missing: [], unverified: [] },
  history: { status: "unverifiable", missing: [], unverified: ["view"] },
  identification: { status: "granted", missing: [], unverified: [] },
  lifecycle: { status: "granted", missing: [], unverified: ["edit"] },
  personal: { status: "granted", missing: [], unverified: [] },
  personal_contact_details: { status: "granted", missing: [], unverified: ["edit"] },
  work: { status: "granted", missing: [], unverified: [] },
  work_contact_details: { status: "granted", missing: [], unverified: [] },
};

describe("runProbe with every permission", () => {
  test("reports all granted", async () => {
    const hibob = fakeHibob();
    const report = await probe(hibob);

    expect(report.credentials).toBe("valid");
    expect(report.outcome).toBe("all_granted");
    expect(report.employeesVisible).toBe(3);
    expect(report.accessScope).toEqual({
      status: "complete",
      missingLifecycleStatuses: [],
      fix: "",
    });
    expect(statuses(report)).toEqual(FULL_ACCESS_STATUSES);
    expect(report.categories.map((result) => result.id)).toEqual([
      ...PERMISSION_CATEGORY_IDS,
    ]);
    expect(report.message).toContain("3 employees");
  });

  test("granted categories have no fix", async () => {
    const report = await probe(fakeHibob());
    expect(category(report, "work").fix).toBe("");
    expect(category(report, "basic_info").fix).toBe("");
  });

  test("unverified categories explain the manual check", async () => {
    const report = await probe(fakeHibob());
    expect(category(report, "history").fix).toContain(
      "View selected employees' profile changes history",
    );
    expect(category(report, "lifecycle").fix).toContain(
      "Edit selected employees' Lifecycle sections",
    );
  });

  test("makes six calls in order", async () => {
    const hibob = fakeHibob();
    await probe(hibob);

    expect(hibob.calls[0]).toMatchObject({
      method: "GET",
      path: "/company/people/fields",
    });
    const searches = hibob.calls.slice(1, 3);
    expect(searches.map((call) => call.path)).toEqual([
      "/people/search",
      "/people/search",
    ]);
    expect(searches[1]?.body).toMatchObject({ showInactive: true });
    expect(searches[0]?.body).toEqual({
      fields: [
        "root.id",
        "work.startDate",
        "work.activeEffectiveDate",
        "payroll.employment.activeEffectiveDate",
        "internal.currentActiveStatusStartDate",
      ],
      showInactive: false,
    });
    expect(
      hibob.calls
        .slice(3)
        .map((call) => call.path)
        .sort(),
    ).toEqual(["/people/101/employment", "/people/101/work", "/people/102/lifecycle"]);
    expect(hibob.calls).toHaveLength(6);
  });

  test("reads tables before the large search returns", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hibob = fakeHibob({ allEmployeesSearchGate: gate });
    const running = probe(hibob);

    // Active employee 101 qualifies for the work and employment tables; only
    // the terminated employee 102 qualifies for lifecycle.
    for (let turn = 0; turn < 50 && hibob.calls.length < 5; turn += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const tablePaths = () =>
      hibob.calls.filter((call) => call.method === "GET").map((call) => call.path);
    expect(tablePaths().sort()).toEqual([
      "/company/people/fields",
      "/people/101/employment",
      "/people/101/work",
    ]);

    release();
    const report = await running;
    expect(tablePaths()).toContain("/people/102/lifecycle");
    expect(statuses(report)).toEqual(FULL_ACCESS_STATUSES);
  });

  test("searches only fields of required categories", async () => {
    const hibob = fakeHibob();
    await probe(hibob);
    const fields = allEmployeesSearchFields(hibob);
    expect(fields).toContain("financial.passportNumber");
    expect(fields).toContain("home.privateEmail");
    expect(fields).not.toContain("about.hobbies");
  });
});

describe("runProbe with missing permissions", () => {
  test("no employees means Basic info is missing", async () => {
    const hibob = fakeHibob({ employees: [] });
    const report = await probe(hibob);

    expect(report.outcome).toBe("no_employees_visible");
    expect(report.credentials).toBe("valid");
    expect(report.employeesVisible).toBe(0);
    expect(category(report, "basic_info")).toMatchObject({
      status: "missing",
      missing: ["view"],
    });
    for (const result of report.categories.filter((item) => item.id !== "basic_info")) {
      expect(result.status, result.id).toBe("unverifiable");
      expect(result.missing, result.id).toEqual([]);
      expect(result.fix, result.id).not.toBe("");
    }
    expect(report.accessScope.status).toBe("unverifiable");
    expect(report.message).toContain("permission group");
    expect(report.message).toContain("Basic info");
    expect(hibob.calls).toHaveLength(3);
  });

  test("missing date of birth means Edit on Personal is missing", async () => {
    const report = await probe(fakeHibob({ hidden: ["personal.birthDate"] }));
    expect(report.outcome).toBe("missing_permissions");
    expect(category(report, "personal")).toMatchObject({
      status: "partial",
      missing: ["edit"],
      unverified: [],
    });
    expect(category(report, "personal").fix).toContain(
      "Edit selected employees' Personal sections",
    );
    expect(category(report, "personal").fix).toContain("never changes employee data");
  });

  test("date of birth in a custom category points there", async () => {
    const metadata = METADATA.map((item) =>
      item.id === "personal.birthDate"
        ? {
            ...item,
            categoryId: "category_1700000000000",
            categoryDisplayName: "Sensitive details",
          }
        : item,
    );
    const report = await probe(fakeHibob({ metadata, hidden: ["personal.birthDate"] }));
    const personal = category(report, "personal");

    expect(personal).toMatchObject({
      status: "partial",
      missing: ["view", "edit"],
      unverified: [],
      hibobCategoryName: "Sensitive details",
    });
    expect(personal.fix).toContain(
      'Date of birth now lives in the "Sensitive details" category in your HiBob account',
    );
    expect(personal.fix).toContain("View selected employees' Sensitive details sections");
    expect(personal.fix).toContain("Edit selected employees' Sensitive details sections");
  });

  test("visible neighbour in the custom category means only Edit is missing", async () => {
    const custom = {
      categoryId: "category_1700000000000",
      categoryDisplayName: "Sensitive details",
    };
    const metadata = [
      ...METADATA.map((item) =>
        item.id === "personal.birthDate" ? { ...item, ...custom } : item,
      ),
      { id: "personal.nationality", name: "Nationality", ...custom },
    ];
    const employees = EMPLOYEES.map((employee) => ({
      ...employee,
      values: { ...employee.values, "personal.nationality": "GB" },
    }));
    const hibob = fakeHibob({ metadata, employees, hidden: ["personal.birthDate"] });
    const report = await probe(hibob);

    expect(category(report, "personal")).toMatchObject({
      status: "partial",
      missing: ["edit"],
      hibobCategoryName: "Sensitive details",
    });
    const fields = allEmployeesSearchFields(hibob);
    expect(fields).toContain("personal.nationality");
  });

  test("visible date of birth elsewhere grants Personal", async () => {
    const metadata = METADATA.map((item) =>
      item.id === "personal.birthDate"
        ? {
            ...item,
            categoryId: "category_1700000000000",
            categoryDisplayName: "Sensitive details",
          }
        : item,
    );
    const report = await probe(fakeHibob({ metadata }));
    const personal = category(report, "personal");
    expect(personal).toMatchObject({ status: "granted", missing: [], unverified: [] });
    expect(personal.hibobCategoryName).toBeUndefined();
  });

  test("single current work row means history is missing", async () => {
    const report = await probe(
      fakeHibob({
        tables: {
          work: { status: 200, body: { values: [{ effectiveDate: "2022-01-01" }] } },
        },
      }),
    );
    expect(category(report, "work")).toMatchObject({
      status: "partial",
      missing: ["view_history"],
      unverified: [],
    });
    expect(category(report, "work").fix).toContain(
      "View selected employees' Work section histories",
    );
  });

  test("403 on a table means View is missing", async () => {
    const report = await probe(fakeHibob({ tables: { employment: { status: 403 } } }));
    expect(category(report, "employment")).toMatchObject({
      status: "missing",
      missing: ["view"],
      unverified: ["view_history"],
    });
  });

  test("hidden category skips its table call", async () => {
    const hibob = fakeHibob({
      hidden: ["payroll.employment.type", "payroll.employment.activeEffectiveDate"],
    });
    const report = await probe(hibob);
    expect(category(report, "employment")).toMatchObject({
      status: "missing",
      missing: ["view"],
      unverified: ["view_history"],
    });
    expect(hibob.calls.some((call) => call.path.endsWith("/employment"))).toBe(false);
  });

  test("hidden work contact fields mean View is missing", async () => {
    const report = await probe(fakeHibob({ hidden: ["work.workPhone"] }));
    expect(category(report, "work_contact_details")).toMatchObject({
      status: "missing",
      missing: ["view"],
    });
    expect(category(report, "work_contact_details").fix).toContain(
      "People's data › Work contact details",
    );
  });

  test("no history candidate leaves history unverified", async () => {
    const employees = EMPLOYEES.map((employee) => ({
      ...employee,
      values: {
        ...employee.values,
        "work.activeEffectiveDate": employee.values["work.startDate"],
      },
    }));
    const hibob = fakeHibob({ employees });
    const report = await probe(hibob);
    expect(category(report, "work")).toMatchObject({
      status: "granted",
      missing: [],
      unverified: ["view_history"],
    });
    expect(hibob.calls.some((call) => call.path.endsWith("/work"))).toBe(false);
    expect(report.outcome).toBe("all_granted");
  });

  test("single row at the start date is inconclusive", async () => {
    const report = await probe(
      fakeHibob({
        tables: {
          lifecycle: { status: 200, body: { values: [{ effectiveDate: "2018-01-01" }] } },
        },
      }),
    );
    expect(category(report, "lifecycle")).toMatchObject({
      status: "granted",
      unverified: ["edit", "view_history"],
    });
  });
});

describe("runProbe access scope", () => {
  test("no terminated employees makes the scope incomplete", async () => {
    const employees = EMPLOYEES.filter((employee) => employee.active);
    const report = await probe(fakeHibob({ employees }));
    expect(report.outcome).toBe("missing_permissions");
    expect(report.accessScope.status).toBe("incomplete");
    expect(report.accessScope.missingLifecycleStatuses).toEqual(["terminated"]);
    expect(report.accessScope.fix).toContain("Select people by condition");
    expect(report.accessScope.fix).toContain("Hired, Employed and Terminated");
    expect(report.accessScope.fix).toContain(
      "If your company has no Terminated employees",
    );
  });

  test("scope is inferred without the lifecycle status field", async () => {
    const report = await probe(fakeHibob({ hidden: ["internal.lifecycleStatus"] }));
    expect(report.accessScope.status).toBe("complete");
  });

  test("inferred scope sees missing terminated employees", async () => {
    const employees = EMPLOYEES.filter((employee) => employee.active);
    const report = await probe(
      fakeHibob({ employees, hidden: ["internal.lifecycleStatus"] }),
    );
    expect(report.accessScope.missingLifecycleStatuses).toEqual(["terminated"]);
  });

  test("scope without any status signal is unverifiable", async () => {
    const report = await probe(
      fakeHibob({ hidden: ["internal.lifecycleStatus", "work.startDate"] }),
    );
    expect(report.accessScope.status).toBe("unverifiable");
    expect(report.accessScope.fix).toContain("Select people by condition");
  });
});

describe("runProbe category matching", () => {
  test("matches categories by display name", async () => {
    const metadata = METADATA.map((item) =>
      item.id === "work.workPhone" ? { ...item, categoryId: "category_42" } : item,
    );
    const report = await probe(fakeHibob({ metadata }));
    expect(category(report, "work_contact_details").status).toBe("granted");
  });

  test("only required categories are reported", async () => {
    const hibob = fakeHibob();
    const report = await probe(hibob, { requiredCategories: ["work", "basic_info"] });
    expect(report.categories.map((result) => result.id)).toEqual(["basic_info", "work"]);
    expect(hibob.calls.filter((call) => call.method === "GET")).toHaveLength(2);
    const fields = allEmployeesSearchFields(hibob);
    expect(fields).not.toContain("home.privateEmail");
  });

  test("search stays within 400 fields", async () => {
    const custom = Array.from({ length: 500 }, (_, i) =>
      field(`work.custom.field_${i}`, "work", "Work"),
    );
    const hibob = fakeHibob({ metadata: [...METADATA, ...custom] });
    const report = await probe(hibob);
    const fields = allEmployeesSearchFields(hibob);
    expect(fields).toHaveLength(400);
    expect(fields).toContain("home.privateEmail");
    expect(fields).toContain("financial.passportNumber");
    expect(report.outcome).toBe("all_granted");
  });
});

describe("runProbe failures", () => {
  test("401 stops after one call", async () => {
    const hibob = fakeHibob({ metadataStatus: 401 });
    const report = await probe(hibob);
    expect(report).toMatchObject({
      credentials: "invalid",
      outcome: "invalid_credentials",
      employeesVisible: 0,
      categories: [],
    });
    expect(hibob.calls).toHaveLength(1);
    expect(report.message).toContain("rejected");
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  test("500 on metadata is an error", async () => {
    const report = await probe(fakeHibob({ metadataStatus: 500 }));
    expect(report).toMatchObject({
      credentials: "unreachable",
      outcome: "error",
      categories: [],
    });
    expect(report.message).toContain("HTTP 500");
  });

  test("500 on a table ends the probe with valid credentials", async () => {
    const report = await probe(fakeHibob({ tables: { work: { status: 500 } } }));
    expect(report).toMatchObject({
      credentials: "valid",
      outcome: "error",
      categories: [],
    });
  });

  test("unreachable HiBob", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
      });
    }) as typeof fetch;
    const report = await runProbe({
      baseUrl: BASE_URL,
      serviceUserId: "SERVICE-ENGINE01",
      token: TOKEN,
      fetch: failing,
    });
    expect(report).toMatchObject({
      credentials: "unreachable",
      outcome: "unreachable",
      categories: [],
    });
    expect(report.message).toContain("could not be reached");
  });

  test("timeout", async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const report = await runProbe({
      baseUrl: BASE_URL,
      serviceUserId: "SERVICE-ENGINE01",
      token: TOKEN,
      fetch: hanging,
      timeoutMs: 50,
    });
    expect(report).toMatchObject({ credentials: "unreachable", outcome: "timed_out" });
  });

  test("rate limit beyond retries", async () => {
    const limited = (async () =>
      new Response(JSON.stringify({ error: "Too many requests" }), {
        status: 429,
        headers: {
          "content-type": "application/json",
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        },
      })) as typeof fetch;
    const report = await runProbe({
      baseUrl: BASE_URL,
      serviceUserId: "SERVICE-ENGINE01",
      token: TOKEN,
      fetch: limited,
    });
    expect(report.outcome).toBe("rate_limited");
    expect(report.message).toContain("run the check again");
  });

  test("invalid base URL is an error without a call", async () => {
    const hibob = fakeHibob();
    const report = await probe(hibob, { baseUrl: "not a url" });
    expect(report.outcome).toBe("error");
    expect(hibob.calls).toHaveLength(0);
  });
});
