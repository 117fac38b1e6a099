// The HiBob simulator over real HTTP: authentication, field metadata, search
// rules, permission effects, single-employee reads, history tables, the
// search rate limit and the response delay.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  CUSTOM_CATEGORY_ID,
  CUSTOM_CATEGORY_NAME,
  findScenario,
} from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type JsonObject = Record<string, unknown>;
type ApiResponse = { status: number; headers: Headers; body: unknown };

const logLines: string[] = [];
let simulator: Simulator;

beforeAll(async () => {
  // A high search limit, because this file sends more than 50 searches per
  // service user. The rate-limit tests start their own simulators.
  simulator = await startSimulator({
    port: 0,
    searchRateLimitPerMinute: 1000,
    logger: (line) => logLines.push(line),
  });
});

afterAll(async () => {
  await simulator?.close();
});

function authorization(scenarioId: string, token?: string): string {
  const scenario = findScenario(scenarioId);
  if (!scenario) {
    throw new Error(`Unknown scenario "${scenarioId}".`);
  }
  const credentials = `${scenario.serviceUserId}:${token ?? scenario.token}`;
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}

async function call(
  method: "GET" | "POST",
  path: string,
  options: {
    scenario?: string;
    body?: unknown;
    rawBody?: string;
    target?: Simulator;
  } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.scenario) {
    headers.Authorization = authorization(options.scenario);
  }
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(`${(options.target ?? simulator).baseUrl}${path}`, {
    method,
    headers,
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  };
}

async function search(scenario: string, body: JsonObject = {}): Promise<JsonObject[]> {
  const response = await call("POST", "/people/search", { scenario, body });
  if (response.status !== 200) {
    throw new Error(
      `Search failed with HTTP ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return (response.body as { employees: JsonObject[] }).employees;
}

/** Reads a nested value by dot path, for example "work.title". */
function valueAt(object: unknown, path: string): unknown {
  let node: unknown = object;
  for (const segment of path.split(".")) {
    if (typeof node !== "object" || node === null) {
      return undefined;
    }
    node = (node as JsonObject)[segment];
  }
  return node;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const STATUS_FIELDS = [
  "root.id",
  "root.email",
  "work.startDate",
  "work.activeEffectiveDate",
  "payroll.employment.activeEffectiveDate",
  "internal.status",
  "internal.lifecycleStatus",
  "internal.currentActiveStatusStartDate",
  "internal.terminationDate",
];

async function allEmployees(): Promise<JsonObject[]> {
  return search("full-access", { fields: STATUS_FIELDS, showInactive: true });
}

async function employeeWithStatus(status: string): Promise<JsonObject> {
  const employee = (await allEmployees()).find(
    (candidate) => valueAt(candidate, "internal.lifecycleStatus") === status,
  );
  if (!employee) {
    throw new Error(`No ${status} employee in the simulated company.`);
  }
  return employee;
}

describe("authentication", () => {
  test("rejects wrong token", async () => {
    const response = await call("GET", "/company/people/fields", {
      scenario: "wrong-token",
    });

    expect(response.status).toBe(401);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
    expect(valueAt(response.body, "error")).toEqual(expect.any(String));
  });

  test("rejects missing header", async () => {
    const response = await call("GET", "/company/people/fields");

    expect(response.status).toBe(401);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
    expect(valueAt(response.body, "error")).toEqual(expect.any(String));
  });

  test("rejects malformed header", async () => {
    const response = await fetch(`${simulator.baseUrl}/company/people/fields`, {
      headers: { Authorization: "Bearer sim-full-access-7f3a9c21d84e4b60a2c5" },
    });

    expect(response.status).toBe(401);
  });

  test("accepts wrong-token user's real token", async () => {
    const scenario = findScenario("wrong-token");
    const response = await fetch(`${simulator.baseUrl}/company/people/fields`, {
      headers: { Authorization: authorization("wrong-token", scenario?.acceptedToken) },
    });

    expect(scenario?.acceptedToken).not.toBe(scenario?.token);
    expect(response.status).toBe(200);
  });

  test("logs requests without secrets", async () => {
    await call("GET", "/company/people/fields", { scenario: "full-access" });
    const tokens = ["full-access", "wrong-token"].flatMap((id) => {
      const scenario = findScenario(id);
      return [scenario?.token, scenario?.acceptedToken].filter(
        (token) => token !== undefined,
      );
    });

    const requestLine = logLines.find((line) =>
      line.startsWith("GET /v1/company/people/fields 200 SERVICE-FULLACCESS01 "),
    );

    expect(requestLine).toBeDefined();
    for (const token of tokens) {
      expect(logLines.join("\n")).not.toContain(token);
    }
    expect(logLines.join("\n")).not.toContain("Basic ");
  });
});

describe("routing", () => {
  test("returns 404 for unknown route", async () => {
    const response = await call("GET", "/people/unknown/route", {
      scenario: "full-access",
    });

    expect(response.status).toBe(404);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
  });

  test("returns 405 for wrong method", async () => {
    const response = await call("GET", "/people/search", { scenario: "full-access" });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("field metadata", () => {
  test("lists fields with categories", async () => {
    const response = await call("GET", "/company/people/fields", {
      scenario: "full-access",
    });
    const fields = response.body as JsonObject[];
    const firstName = fields.find((field) => field.id === "root.firstName");
    const title = fields.find((field) => field.id === "work.title");

    expect(response.status).toBe(200);
    expect(Array.isArray(fields)).toBe(true);
    expect(firstName).toEqual({
      id: "root.firstName",
      categoryId: "root",
      categoryDisplayName: "Basic info",
      category: "root",
      name: "First name",
      description: null,
      jsonPath: "firstName",
      type: "text",
      typeData: {},
      historical: false,
    });
    expect(title?.categoryDisplayName).toBe("Work");
    expect(title?.historical).toBe(true);
  });

  test("reports moved field's custom category", async () => {
    const response = await call("GET", "/company/people/fields", {
      scenario: "dob-custom-category",
    });
    const fields = response.body as JsonObject[];
    const birthDate = fields.find((field) => field.id === "personal.birthDate");
    const shortBirthDate = fields.find((field) => field.id === "personal.shortBirthDate");

    expect(birthDate?.categoryId).toBe(CUSTOM_CATEGORY_ID);
    expect(birthDate?.category).toBe(CUSTOM_CATEGORY_ID);
    expect(birthDate?.categoryDisplayName).toBe(CUSTOM_CATEGORY_NAME);
    expect(shortBirthDate?.categoryId).toBe("personal");
  });

  test("needs no permissions", async () => {
    const response = await call("GET", "/company/people/fields", {
      scenario: "no-permission-group",
    });

    expect(response.status).toBe(200);
    expect((response.body as unknown[]).length).toBeGreaterThan(30);
  });
});

describe("search", () => {
  test("returns default fields", async () => {
    const employees = await search("full-access");
    const first = employees[0];

    expect(employees.length).toBe(30);
    expect(first?.["/root/id"]).toBeDefined();
    expect(first?.["/root/displayName"]).toBeDefined();
    expect(first?.["/work/title"]).toBeDefined();
    expect(first?.["/payroll/employment/type"]).toBeDefined();
    expect(first?.["/about/about"]).toBeDefined();
    expect(first?.["/personal/pronouns"]).toBeUndefined();
    expect(first?.["/internal/status"]).toBeUndefined();
    expect(first?.["/home/privateEmail"]).toBeUndefined();
  });

  test("accepts an empty body", async () => {
    const response = await call("POST", "/people/search", { scenario: "full-access" });

    expect(response.status).toBe(200);
    expect((valueAt(response.body, "employees") as unknown[]).length).toBe(30);
  });

  test("returns slash and nested keys", async () => {
    const [employee] = await search("full-access", {
      fields: ["root.id", "root.email", "work.title", "payroll.employment.fte"],
    });

    expect(valueAt(employee, "/root/id")).toEqual({ value: employee?.id });
    expect(employee?.id).toMatch(/^\d{19}$/);
    expect(employee?.email).toMatch(/@northwind-labs\.example$/);
    expect(valueAt(employee, "/work/title")).toEqual({
      value: valueAt(employee, "work.title"),
    });
    expect(valueAt(employee, "work.title")).toEqual(expect.any(String));
    expect(valueAt(employee, "payroll.employment.fte")).toEqual(expect.any(Number));
    expect(employee?.["/payroll/employment/fte"]).toBeDefined();
    expect(employee?.displayName).toBeUndefined();
  });

  test("omits unknown field ids", async () => {
    const [employee] = await search("full-access", {
      fields: ["root.id", "work.noSuchField"],
    });

    expect(employee?.["/root/id"]).toBeDefined();
    expect(employee?.["/work/noSuchField"]).toBeUndefined();
    expect(employee?.work).toBeUndefined();
  });

  test("rejects more than 400 fields", async () => {
    const fields = Array.from(
      { length: 401 },
      (_, index) => `work.custom.field_${index}`,
    );
    const response = await call("POST", "/people/search", {
      scenario: "full-access",
      body: { fields },
    });

    expect(response.status).toBe(400);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
    expect(valueAt(response.body, "error")).toContain("400");
  });

  test("accepts exactly 400 fields", async () => {
    const fields = Array.from(
      { length: 399 },
      (_, index) => `work.custom.field_${index}`,
    );
    const employees = await search("full-access", { fields: ["root.id", ...fields] });

    expect(employees.length).toBe(30);
  });

  const badFilters: [string, unknown][] = [
    ["empty list", []],
    [
      "object instead of list",
      { fieldPath: "root.id", operator: "equals", values: ["1"] },
    ],
    [
      "two filters",
      [
        { fieldPath: "root.id", operator: "equals", values: ["1"] },
        { fieldPath: "root.email", operator: "equals", values: ["a@b.example"] },
      ],
    ],
    [
      "other field path",
      [{ fieldPath: "work.title", operator: "equals", values: ["1"] }],
    ],
    ["other operator", [{ fieldPath: "root.id", operator: "contains", values: ["1"] }]],
    ["empty values", [{ fieldPath: "root.id", operator: "equals", values: [] }]],
    ["missing values", [{ fieldPath: "root.id", operator: "equals" }]],
    ["non-string values", [{ fieldPath: "root.id", operator: "equals", values: [1] }]],
    ["empty filter object", [{}]],
  ];

  test.each(badFilters)("rejects filter: %s", async (_, filters) => {
    const response = await call("POST", "/people/search", {
      scenario: "full-access",
      body: { fields: ["root.id"], filters },
    });

    expect(response.status).toBe(400);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
    expect(valueAt(response.body, "error")).toEqual(expect.any(String));
  });

  test("rejects invalid JSON", async () => {
    const response = await call("POST", "/people/search", {
      scenario: "full-access",
      rawBody: "{not json",
    });

    expect(response.status).toBe(400);
    expect(valueAt(response.body, "error")).toContain("not valid JSON");
  });

  test("rejects unknown humanReadable", async () => {
    const response = await call("POST", "/people/search", {
      scenario: "full-access",
      body: { humanReadable: "true" },
    });

    expect(response.status).toBe(400);
    expect(valueAt(response.body, "error")).toContain("humanReadable");
  });

  test("filters by root.id", async () => {
    const [, second] = await search("full-access", { fields: ["root.id"] });
    const employees = await search("full-access", {
      fields: ["root.id", "root.email"],
      filters: [{ fieldPath: "root.id", operator: "equals", values: [second?.id] }],
    });

    expect(employees.length).toBe(1);
    expect(employees[0]?.id).toBe(second?.id);
  });

  test("filters by root.email", async () => {
    const [first] = await search("full-access", { fields: ["root.email"] });
    const employees = await search("full-access", {
      fields: ["root.email"],
      filters: [{ fieldPath: "root.email", operator: "equals", values: [first?.email] }],
    });

    expect(employees.length).toBe(1);
    expect(employees[0]?.email).toBe(first?.email);
  });

  test("filter still hides inactive employees", async () => {
    const terminated = await employeeWithStatus("terminated");
    const filter = [
      { fieldPath: "root.id", operator: "equals", values: [terminated.id] },
    ];

    const withoutInactive = await search("full-access", {
      fields: ["root.id"],
      filters: filter,
    });
    const withInactive = await search("full-access", {
      fields: ["root.id"],
      filters: filter,
      showInactive: true,
    });

    expect(withoutInactive.length).toBe(0);
    expect(withInactive.length).toBe(1);
  });

  test("shows inactive only on request", async () => {
    const active = await search("full-access", {
      fields: ["root.id", "internal.status"],
    });
    const everyone = await search("full-access", {
      fields: ["root.id", "internal.status"],
      showInactive: true,
    });

    expect(active.length).toBe(30);
    expect(everyone.length).toBe(36);
    expect(
      active.every((employee) => valueAt(employee, "internal.status") === "Active"),
    ).toBe(true);
    expect(
      everyone.filter((employee) => valueAt(employee, "internal.status") === "Inactive")
        .length,
    ).toBe(6);
  });

  test("appends human-readable values", async () => {
    const [employee] = await search("full-access", {
      fields: ["root.id", "work.department", "work.reportsTo", "work.startDate"],
      humanReadable: "APPEND",
    });
    const departmentId = valueAt(employee, "work.department");
    const departmentName = valueAt(employee, "humanReadable.work.department");

    expect(departmentId).toMatch(/^\d+$/);
    expect(departmentName).toEqual(expect.any(String));
    expect(departmentName).not.toBe(departmentId);
    expect(valueAt(employee, "/work/department")).toEqual({ value: departmentId });
    expect(valueAt(employee, "humanReadable.work.startDate")).toBe(
      valueAt(employee, "work.startDate"),
    );
  });

  test("replaces with human-readable values", async () => {
    const [machine] = await search("full-access", {
      fields: ["work.department", "work.title"],
      humanReadable: "APPEND",
    });
    const [human] = await search("full-access", {
      fields: ["work.department", "work.title"],
      humanReadable: "REPLACE",
    });

    expect(valueAt(human, "work.department")).toBe(
      valueAt(machine, "humanReadable.work.department"),
    );
    expect(valueAt(human, "/work/department")).toEqual({
      value: valueAt(machine, "humanReadable.work.department"),
    });
    expect(valueAt(human, "work.title")).toBe(
      valueAt(machine, "humanReadable.work.title"),
    );
    expect(human?.humanReadable).toBeUndefined();
  });
});

describe("permissions", () => {
  const personalFields = [
    "root.id",
    "personal.birthDate",
    "personal.shortBirthDate",
    "personal.age",
    "personal.pronouns",
  ];

  test("full access shows birth date", async () => {
    const [employee] = await search("full-access", { fields: personalFields });

    expect(valueAt(employee, "personal.birthDate")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(valueAt(employee, "personal.age")).toEqual(expect.any(Number));
  });

  test("view only hides birth date", async () => {
    const [employee] = await search("personal-view-only", { fields: personalFields });

    expect(valueAt(employee, "personal.shortBirthDate")).toMatch(/^\d{2}-\d{2}$/);
    expect(employee?.["/personal/shortBirthDate"]).toBeDefined();
    expect(valueAt(employee, "personal.birthDate")).toBeUndefined();
    expect(employee?.["/personal/birthDate"]).toBeUndefined();
    expect(valueAt(employee, "personal.age")).toBeUndefined();
  });

  test("custom category hides birth date", async () => {
    const [employee] = await search("dob-custom-category", { fields: personalFields });

    expect(valueAt(employee, "personal.birthDate")).toBeUndefined();
    expect(employee?.["/personal/birthDate"]).toBeUndefined();
    expect(valueAt(employee, "personal.shortBirthDate")).toEqual(expect.any(String));
    expect(valueAt(employee, "personal.pronouns")).toEqual(expect.any(String));
    expect(valueAt(employee, "personal.age")).toEqual(expect.any(Number));
  });

  test("basic info missing returns nobody", async () => {
    const response = await call("POST", "/people/search", {
      scenario: "basic-info-missing",
      body: { fields: ["root.id", "work.title"], showInactive: true },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ employees: [] });
  });

  test("no permission group returns nobody", async () => {
    const response = await call("POST", "/people/search", {
      scenario: "no-permission-group",
      body: {},
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ employees: [] });
  });

  test("access everyone hides terminated", async () => {
    const employees = await search("access-everyone", {
      fields: ["root.id", "internal.status", "internal.lifecycleStatus"],
      showInactive: true,
    });
    const statuses = employees.map((employee) =>
      valueAt(employee, "internal.lifecycleStatus"),
    );

    expect(employees.length).toBe(30);
    expect(statuses).not.toContain("terminated");
    expect(statuses).toContain("hired");
  });
});

describe("read employee", () => {
  test("reads employee by email", async () => {
    const [listed] = await search("full-access", { fields: ["root.id", "root.email"] });
    const response = await call(
      "POST",
      `/people/${encodeURIComponent(String(listed?.email))}`,
      {
        scenario: "full-access",
        body: { fields: ["root.id", "work.title", "personal.birthDate"] },
      },
    );

    expect(response.status).toBe(200);
    expect(valueAt(response.body, "id")).toBe(listed?.id);
    expect(valueAt(response.body, "/work/title")).toBeDefined();
    expect(valueAt(response.body, "personal.birthDate")).toEqual(expect.any(String));
  });

  test("reads inactive employee by id", async () => {
    const terminated = await employeeWithStatus("terminated");
    const response = await call("POST", `/people/${String(terminated.id)}`, {
      scenario: "full-access",
      body: { fields: ["root.id", "internal.status", "internal.terminationDate"] },
    });

    expect(response.status).toBe(200);
    expect(valueAt(response.body, "internal.status")).toBe("Inactive");
    expect(valueAt(response.body, "internal.terminationDate")).toEqual(
      expect.any(String),
    );
  });

  test("applies field permissions", async () => {
    const [listed] = await search("full-access", { fields: ["root.id"] });
    const response = await call("POST", `/people/${String(listed?.id)}`, {
      scenario: "personal-view-only",
      body: { fields: ["root.id", "personal.birthDate", "personal.shortBirthDate"] },
    });

    expect(response.status).toBe(200);
    expect(valueAt(response.body, "personal.birthDate")).toBeUndefined();
    expect(valueAt(response.body, "personal.shortBirthDate")).toEqual(expect.any(String));
  });

  test("returns 404 for unknown employee", async () => {
    const response = await call("POST", "/people/1234567890123456789", {
      scenario: "full-access",
      body: {},
    });

    expect(response.status).toBe(404);
    expect(valueAt(response.body, "key")).toEqual(expect.any(String));
  });

  test("returns 403 outside access rights", async () => {
    const terminated = await employeeWithStatus("terminated");
    const response = await call("POST", `/people/${String(terminated.id)}`, {
      scenario: "access-everyone",
      body: {},
    });

    expect(response.status).toBe(403);
    expect(valueAt(response.body, "error")).toContain("does not have permissions");
  });
});

describe("history tables", () => {
  async function promotedEmployee(): Promise<JsonObject> {
    const employee = (await allEmployees()).find((candidate) => {
      const active = valueAt(candidate, "work.activeEffectiveDate");
      const start = valueAt(candidate, "work.startDate");
      return typeof active === "string" && typeof start === "string" && active > start;
    });
    if (!employee) {
      throw new Error("No employee with a later work row.");
    }
    return employee;
  }

  test.each(["work", "employment", "lifecycle"])(
    "rejects %s table without permission",
    async (table) => {
      const [listed] = await search("full-access", { fields: ["root.id"] });
      const response = await call("GET", `/people/${String(listed?.id)}/${table}`, {
        scenario: "no-permission-group",
      });

      expect(response.status).toBe(403);
      expect(valueAt(response.body, "key")).toEqual(expect.any(String));
      expect(valueAt(response.body, "error")).toEqual(expect.any(String));
    },
  );

  test("returns current row without history", async () => {
    const employee = await promotedEmployee();
    const response = await call("GET", `/people/${String(employee.id)}/work`, {
      scenario: "work-no-history",
    });
    const rows = valueAt(response.body, "values") as JsonObject[];

    expect(response.status).toBe(200);
    expect(rows.length).toBe(1);
    expect(rows[0]?.effectiveDate).toBe(valueAt(employee, "work.activeEffectiveDate"));
  });

  test("returns all rows with history", async () => {
    const employee = await promotedEmployee();
    const response = await call("GET", `/people/${String(employee.id)}/work`, {
      scenario: "full-access",
    });
    const rows = valueAt(response.body, "values") as JsonObject[];

    expect(response.status).toBe(200);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]?.effectiveDate).toBe(valueAt(employee, "work.startDate"));
    expect(rows.at(-1)?.effectiveDate).toBe(
      valueAt(employee, "work.activeEffectiveDate"),
    );
  });

  test("work rows have HiBob's shape", async () => {
    const employee = await promotedEmployee();
    const response = await call("GET", `/people/${String(employee.id)}/work`, {
      scenario: "full-access",
    });
    const [row] = valueAt(response.body, "values") as JsonObject[];

    expect(row?.id).toEqual(expect.any(Number));
    expect(row?.title).toEqual(expect.any(String));
    expect(row?.department).toEqual(expect.any(String));
    expect(row?.site).toEqual(expect.any(String));
    expect(row?.siteId).toEqual(expect.any(Number));
    expect(row?.reason).toEqual(expect.any(String));
    expect(valueAt(row, "reportsTo.email")).toMatch(/@northwind-labs\.example$/);
  });

  test("employment rows have HiBob's shape", async () => {
    const [listed] = await search("full-access", { fields: ["root.id"] });
    const response = await call("GET", `/people/${String(listed?.id)}/employment`, {
      scenario: "full-access",
    });
    const [row] = valueAt(response.body, "values") as JsonObject[];

    expect(row?.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row?.contract).toEqual(expect.any(String));
    expect(row?.type).toEqual(expect.any(String));
    expect(row?.fte).toEqual(expect.any(Number));
    expect(row?.weeklyHours).toEqual(expect.any(Number));
    expect(row?.salaryPayType).toEqual(expect.any(String));
  });

  test("lifecycle rows end in termination", async () => {
    const terminated = await employeeWithStatus("terminated");
    const response = await call("GET", `/people/${String(terminated.id)}/lifecycle`, {
      scenario: "full-access",
    });
    const rows = valueAt(response.body, "values") as JsonObject[];

    expect(rows.map((row) => row.status)).toEqual(
      expect.arrayContaining(["hired", "employed", "terminated"]),
    );
    expect(rows.at(-1)?.status).toBe("terminated");
    expect(rows.at(-1)?.effectiveDate).toBe(
      valueAt(terminated, "internal.currentActiveStatusStartDate"),
    );
  });

  test("returns 404 for unknown employee", async () => {
    const response = await call("GET", "/people/1234567890123456789/work", {
      scenario: "full-access",
    });

    expect(response.status).toBe(404);
  });

  test("rejects employee outside access rights", async () => {
    const terminated = await employeeWithStatus("terminated");
    const response = await call("GET", `/people/${String(terminated.id)}/work`, {
      scenario: "access-everyone",
    });

    expect(response.status).toBe(403);
  });
});

describe("company data", () => {
  test("counts employees by status", async () => {
    const statuses = (await allEmployees()).map((employee) =>
      valueAt(employee, "internal.lifecycleStatus"),
    );

    expect(statuses.filter((status) => status === "hired").length).toBe(4);
    expect(statuses.filter((status) => status === "employed").length).toBe(26);
    expect(statuses.filter((status) => status === "terminated").length).toBe(6);
  });

  test("hired employees start later", async () => {
    const hired = (await allEmployees()).filter(
      (employee) => valueAt(employee, "internal.lifecycleStatus") === "hired",
    );

    for (const employee of hired) {
      expect(String(valueAt(employee, "work.startDate")) > today()).toBe(true);
      expect(valueAt(employee, "internal.status")).toBe("Active");
    }
  });

  test("histories change after start", async () => {
    const employees = await allEmployees();
    const laterThanStart = (path: string) =>
      employees.filter(
        (employee) =>
          String(valueAt(employee, path)) > String(valueAt(employee, "work.startDate")),
      ).length;
    const activeAfterLeave = employees.filter(
      (employee) =>
        valueAt(employee, "internal.lifecycleStatus") === "employed" &&
        String(valueAt(employee, "internal.currentActiveStatusStartDate")) >
          String(valueAt(employee, "work.startDate")),
    ).length;

    expect(laterThanStart("work.activeEffectiveDate")).toBeGreaterThanOrEqual(12);
    expect(
      laterThanStart("payroll.employment.activeEffectiveDate"),
    ).toBeGreaterThanOrEqual(4);
    expect(activeAfterLeave).toBeGreaterThanOrEqual(3);
  });

  test("terminated employees have termination dates", async () => {
    const employees = await allEmployees();

    for (const employee of employees) {
      const terminated = valueAt(employee, "internal.lifecycleStatus") === "terminated";
      const terminationDate = valueAt(employee, "internal.terminationDate");
      expect(terminationDate === undefined).toBe(!terminated);
    }
  });

  test("data is the same across starts", async () => {
    const second = await startSimulator({ port: 0 });
    try {
      const first = await allEmployees();
      const response = await call("POST", "/people/search", {
        scenario: "full-access",
        body: { fields: STATUS_FIELDS, showInactive: true },
        target: second,
      });

      expect(valueAt(response.body, "employees")).toEqual(first);
    } finally {
      await second.close();
    }
  });
});

describe("search rate limit", () => {
  let limited: Simulator;

  beforeAll(async () => {
    limited = await startSimulator({ port: 0, searchRateLimitPerMinute: 3 });
  });

  afterAll(async () => {
    await limited?.close();
  });

  test("rejects searches over the limit", async () => {
    const responses: ApiResponse[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      responses.push(
        await call("POST", "/people/search", {
          scenario: "full-access",
          body: { fields: ["root.id"] },
          target: limited,
        }),
      );
    }
    const rejected = responses[3];
    const reset = Number(rejected?.headers.get("x-ratelimit-reset"));
    const nowSeconds = Date.now() / 1000;

    expect(responses.slice(0, 3).map((response) => response.status)).toEqual([
      200, 200, 200,
    ]);
    expect(
      responses.map((response) => response.headers.get("x-ratelimit-remaining")),
    ).toEqual(["2", "1", "0", "0"]);
    expect(rejected?.status).toBe(429);
    expect(valueAt(rejected?.body, "key")).toEqual(expect.any(String));
    expect(valueAt(rejected?.body, "error")).toEqual(expect.any(String));
    expect(rejected?.headers.get("x-ratelimit-limit")).toBe("3");
    expect(reset).toBeGreaterThan(nowSeconds);
    expect(reset).toBeLessThanOrEqual(nowSeconds + 61);
  });

  test("counts each service user separately", async () => {
    const response = await call("POST", "/people/search", {
      scenario: "personal-view-only",
      body: { fields: ["root.id"] },
      target: limited,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("2");
  });
});

describe("response delay", () => {
  test("delays every response", async () => {
    const delayed = await startSimulator({ port: 0, delayMs: 300 });
    try {
      const startedAt = performance.now();
      const response = await call("POST", "/people/search", {
        scenario: "full-access",
        body: { fields: ["root.id"] },
        target: delayed,
      });
      const elapsedMs = performance.now() - startedAt;

      expect(response.status).toBe(200);
      expect(elapsedMs).toBeGreaterThanOrEqual(295);
      expect(response.headers.get("x-ratelimit-limit")).toBe("50");
    } finally {
      await delayed.close();
    }
  });
});
