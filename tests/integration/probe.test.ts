// The probe engine against the HiBob simulator over HTTP, one test per
// scenario, with the exact result every category must get.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { PermissionCategoryId, PermissionKind } from "@/lib/hibob/categories";
import { runProbe } from "@/lib/probe/engine";
import type { CategoryStatus, ProbeReport } from "@/lib/probe/types";
import { SCENARIOS, findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

type Expected = {
  status: CategoryStatus;
  missing?: PermissionKind[];
  unverified?: PermissionKind[];
};

const GRANTED: Expected = { status: "granted" };

const FULL_ACCESS: Record<PermissionCategoryId, Expected> = {
  basic_info: GRANTED,
  employment: GRANTED,
  history: { status: "unverifiable", unverified: ["view"] },
  identification: GRANTED,
  lifecycle: { status: "granted", unverified: ["edit"] },
  personal: GRANTED,
  personal_contact_details: { status: "granted", unverified: ["edit"] },
  work: GRANTED,
  work_contact_details: GRANTED,
};

const NO_EMPLOYEES: Record<PermissionCategoryId, Expected> = {
  basic_info: { status: "missing", missing: ["view"] },
  employment: { status: "unverifiable", unverified: ["view", "view_history"] },
  history: { status: "unverifiable", unverified: ["view"] },
  identification: { status: "unverifiable", unverified: ["view"] },
  lifecycle: { status: "unverifiable", unverified: ["view", "edit", "view_history"] },
  personal: { status: "unverifiable", unverified: ["view", "edit"] },
  personal_contact_details: { status: "unverifiable", unverified: ["view", "edit"] },
  work: { status: "unverifiable", unverified: ["view", "view_history"] },
  work_contact_details: { status: "unverifiable", unverified: ["view"] },
};

type ScenarioExpectation = {
  outcome: ProbeReport["outcome"];
  credentials: ProbeReport["credentials"];
  accessScope: ProbeReport["accessScope"]["status"];
  missingLifecycleStatuses: string[];
  categories: Record<PermissionCategoryId, Expected> | null;
  hibobCategoryNames?: Partial<Record<PermissionCategoryId, string>>;
};

const EXPECTATIONS: Record<string, ScenarioExpectation> = {
  "full-access": {
    outcome: "all_granted",
    credentials: "valid",
    accessScope: "complete",
    missingLifecycleStatuses: [],
    categories: FULL_ACCESS,
  },
  "no-permission-group": {
    outcome: "no_employees_visible",
    credentials: "valid",
    accessScope: "unverifiable",
    missingLifecycleStatuses: [],
    categories: NO_EMPLOYEES,
  },
  "basic-info-missing": {
    outcome: "no_employees_visible",
    credentials: "valid",
    accessScope: "unverifiable",
    missingLifecycleStatuses: [],
    categories: NO_EMPLOYEES,
  },
  "personal-view-only": {
    outcome: "missing_permissions",
    credentials: "valid",
    accessScope: "complete",
    missingLifecycleStatuses: [],
    categories: { ...FULL_ACCESS, personal: { status: "partial", missing: ["edit"] } },
  },
  "access-everyone": {
    outcome: "missing_permissions",
    credentials: "valid",
    accessScope: "incomplete",
    missingLifecycleStatuses: ["terminated"],
    categories: FULL_ACCESS,
  },
  "work-no-history": {
    outcome: "missing_permissions",
    credentials: "valid",
    accessScope: "complete",
    missingLifecycleStatuses: [],
    categories: {
      ...FULL_ACCESS,
      work: { status: "partial", missing: ["view_history"] },
    },
  },
  "dob-custom-category": {
    outcome: "missing_permissions",
    credentials: "valid",
    accessScope: "complete",
    missingLifecycleStatuses: [],
    categories: {
      ...FULL_ACCESS,
      personal: { status: "partial", missing: ["view", "edit"] },
    },
    hibobCategoryNames: { personal: "Sensitive details" },
  },
  "wrong-token": {
    outcome: "invalid_credentials",
    credentials: "invalid",
    accessScope: "unverifiable",
    missingLifecycleStatuses: [],
    categories: null,
  },
};

let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator?.close();
});

type CountedProbe = { report: ProbeReport; calls: string[] };

async function probeScenario(id: string): Promise<CountedProbe> {
  const scenario = findScenario(id);
  if (scenario === undefined) {
    throw new Error(`unknown scenario ${id}`);
  }
  const calls: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    calls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  };
  const report = await runProbe({
    baseUrl: simulator.baseUrl,
    serviceUserId: scenario.serviceUserId,
    token: scenario.token,
    fetch: countingFetch,
  });
  return { report, calls };
}

test("every scenario has an expectation", () => {
  expect(Object.keys(EXPECTATIONS).sort()).toEqual(
    SCENARIOS.map((scenario) => scenario.id).sort(),
  );
});

describe.each(Object.entries(EXPECTATIONS))("scenario %s", (id, expected) => {
  let probe: CountedProbe;

  beforeAll(async () => {
    probe = await probeScenario(id);
  });

  test("outcome and credentials", () => {
    expect(probe.report.outcome).toBe(expected.outcome);
    expect(probe.report.credentials).toBe(expected.credentials);
    expect(probe.report.message).not.toBe("");
  });

  test("access scope", () => {
    expect(probe.report.accessScope.status).toBe(expected.accessScope);
    expect(probe.report.accessScope.missingLifecycleStatuses).toEqual(
      expected.missingLifecycleStatuses,
    );
  });

  test("category results", () => {
    if (expected.categories === null) {
      expect(probe.report.categories).toEqual([]);
      return;
    }
    const actual = Object.fromEntries(
      probe.report.categories.map((result) => [
        result.id,
        { status: result.status, missing: result.missing, unverified: result.unverified },
      ]),
    );
    const wanted = Object.fromEntries(
      Object.entries(expected.categories).map(([categoryId, result]) => [
        categoryId,
        {
          status: result.status,
          missing: result.missing ?? [],
          unverified: result.unverified ?? [],
        },
      ]),
    );
    expect(actual).toEqual(wanted);
  });

  test("fix texts match the status", () => {
    for (const result of probe.report.categories) {
      const needsFix = result.missing.length > 0 || result.unverified.length > 0;
      expect(result.fix === "", `${result.id} fix`).toBe(!needsFix);
    }
    const scopeFix = probe.report.accessScope.fix;
    expect(scopeFix === "").toBe(
      probe.report.accessScope.status === "complete" || expected.categories === null,
    );
  });

  test("HiBob category names", () => {
    for (const result of probe.report.categories) {
      expect(result.hibobCategoryName, result.id).toBe(
        expected.hibobCategoryNames?.[result.id],
      );
    }
  });
});

describe("probe HTTP calls", () => {
  test("wrong token makes exactly one call", async () => {
    const { calls, report } = await probeScenario("wrong-token");
    expect(calls).toEqual(["GET /v1/company/people/fields"]);
    expect(report.categories).toEqual([]);
  });

  test("full access makes six calls", async () => {
    const { calls, report } = await probeScenario("full-access");
    expect(calls[0]).toBe("GET /v1/company/people/fields");
    expect(calls.slice(1, 3)).toEqual([
      "POST /v1/people/search",
      "POST /v1/people/search",
    ]);
    const tables = calls
      .slice(3)
      .map((call) => call.replace(/\/people\/[^/]+\//, "/people/{id}/"));
    expect(tables.sort()).toEqual([
      "GET /v1/people/{id}/employment",
      "GET /v1/people/{id}/lifecycle",
      "GET /v1/people/{id}/work",
    ]);
    expect(report.employeesVisible).toBeGreaterThan(0);
  });

  test("no employees skips table calls", async () => {
    const { calls } = await probeScenario("no-permission-group");
    expect(calls).toHaveLength(3);
  });

  test("personal fix names Edit", async () => {
    const { report } = await probeScenario("personal-view-only");
    const personal = report.categories.find((result) => result.id === "personal");
    expect(personal?.fix).toContain("Edit selected employees' Personal sections");
  });

  test("custom category fix names it", async () => {
    const { report } = await probeScenario("dob-custom-category");
    const personal = report.categories.find((result) => result.id === "personal");
    expect(personal?.fix).toContain('now lives in the "Sensitive details" category');
  });

  test("report never contains the token", async () => {
    for (const scenario of SCENARIOS) {
      const { report } = await probeScenario(scenario.id);
      expect(JSON.stringify(report), scenario.id).not.toContain(scenario.token);
    }
  });
});

describe("probe against slow or absent HiBob", () => {
  test("slow simulator times out", async () => {
    const slow = await startSimulator({ port: 0, delayMs: 500 });
    try {
      const fullAccess = findScenario("full-access");
      if (fullAccess === undefined) throw new Error("full-access scenario missing");
      const report = await runProbe({
        baseUrl: slow.baseUrl,
        serviceUserId: fullAccess.serviceUserId,
        token: fullAccess.token,
        timeoutMs: 100,
      });
      expect(report.outcome).toBe("timed_out");
      expect(report.credentials).toBe("unreachable");
      expect(report.categories).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  test("closed simulator is unreachable", async () => {
    const closed = await startSimulator({ port: 0 });
    const baseUrl = closed.baseUrl;
    await closed.close();
    const report = await runProbe({
      baseUrl,
      serviceUserId: "SERVICE-X",
      token: "t0ken-x",
    });
    expect(report.outcome).toBe("unreachable");
    expect(report.credentials).toBe("unreachable");
  });

  test("search rate limit is reported", async () => {
    const limited = await startSimulator({ port: 0, searchRateLimitPerMinute: 1 });
    try {
      const fullAccess = findScenario("full-access");
      if (fullAccess === undefined) throw new Error("full-access scenario missing");
      const report = await runProbe({
        baseUrl: limited.baseUrl,
        serviceUserId: fullAccess.serviceUserId,
        token: fullAccess.token,
        deadlineMs: 5_000,
      });
      expect(report.outcome).toBe("rate_limited");
      expect(report.credentials).toBe("valid");
    } finally {
      await limited.close();
    }
  });
});
