// The simulator's employeeCount option: the named 36 employees stay the same
// at any size, generated employees are unique and have the same mix of
// statuses and histories, and the API and the probe work on 1,000 employees.
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { runProbe } from "@/lib/probe/engine";
import {
  DEFAULT_EMPLOYEE_COUNT,
  MAX_EMPLOYEE_COUNT,
  createCompany,
  type Employee,
} from "@/simulator/company";
import { addDays } from "@/simulator/dates";
import { currentRow } from "@/simulator/history";
import { findScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

const TODAY = "2026-12-10";
const LARGE_COUNT = 1000;

function currentStatus(employee: Employee): string {
  return currentRow(employee.lifecycle, TODAY).status;
}

function countByStatus(employees: readonly Employee[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const employee of employees) {
    const status = currentStatus(employee);
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

function isSortedByDate(rows: readonly { effectiveDate: string }[]): boolean {
  return rows.every(
    (row, index) =>
      index === 0 || (rows[index - 1]?.effectiveDate ?? "") <= row.effectiveDate,
  );
}

describe("company size", () => {
  const standard = createCompany(TODAY);
  const large = createCompany(TODAY, { employeeCount: LARGE_COUNT });

  test("defaults to 36 employees", () => {
    expect(DEFAULT_EMPLOYEE_COUNT).toBe(36);
    expect(standard.employees).toHaveLength(36);
    expect(createCompany(TODAY, { employeeCount: 36 })).toEqual(standard);
  });

  test("keeps the named employees unchanged", () => {
    expect(large.employees).toHaveLength(LARGE_COUNT);
    expect(large.employees.slice(0, 36)).toEqual(standard.employees);
    expect(large.lists).toEqual(standard.lists);
  });

  test("smaller company keeps first employees", () => {
    const small = createCompany(TODAY, { employeeCount: 30 });

    expect(small.employees).toEqual(standard.employees.slice(0, 30));
  });

  test("is deterministic", () => {
    expect(createCompany(TODAY, { employeeCount: LARGE_COUNT })).toEqual(large);
  });

  test("generates unique identifiers", () => {
    const ids = large.employees.map((employee) => employee.id);
    const emails = large.employees.map((employee) => employee.email.toLowerCase());
    const numbers = large.employees.map((employee) => employee.employeeIdInCompany);

    expect(new Set(ids).size).toBe(LARGE_COUNT);
    expect(new Set(emails).size).toBe(LARGE_COUNT);
    expect(new Set(numbers).size).toBe(LARGE_COUNT);
    for (const id of ids) {
      expect(id).toMatch(/^3\d{18}$/);
    }
    for (const email of emails) {
      expect(email).toMatch(/^[a-z]+\.[a-z]+\d*@northwind-labs\.example$/);
    }
  });

  test("unique emails beyond name combinations", () => {
    // 36 first names times 35 other surnames give 1,260 generated names.
    const huge = createCompany(TODAY, { employeeCount: 3000 });
    const emails = new Set(huge.employees.map((employee) => employee.email));

    expect(emails.size).toBe(3000);
  });

  test("mixes hired, employed and terminated", () => {
    const generated = large.employees.slice(36);
    const counts = countByStatus(generated);

    expect(Object.keys(counts).sort()).toEqual(["employed", "hired", "terminated"]);
    // One in six generated employees is terminated and one in nine is a future hire.
    expect(counts.terminated).toBeGreaterThanOrEqual(150);
    expect(counts.terminated).toBeLessThanOrEqual(170);
    expect(counts.hired).toBeGreaterThanOrEqual(100);
    expect(counts.hired).toBeLessThanOrEqual(115);
  });

  test("generated histories are consistent", () => {
    for (const employee of large.employees.slice(36)) {
      const status = currentStatus(employee);
      const start = employee.work[0]?.effectiveDate ?? "";

      expect(employee.work.length).toBeGreaterThanOrEqual(1);
      expect(employee.employment.length).toBeGreaterThanOrEqual(1);
      expect(employee.lifecycle[0]?.status).toBe("hired");
      expect(isSortedByDate(employee.work)).toBe(true);
      expect(isSortedByDate(employee.employment)).toBe(true);
      expect(isSortedByDate(employee.lifecycle)).toBe(true);
      expect(employee.employment[0]?.effectiveDate).toBe(start);
      if (status === "hired") {
        expect(start > TODAY).toBe(true);
        expect(start <= addDays(TODAY, 366)).toBe(true);
        expect(employee.lifecycle).toHaveLength(1);
      }
      if (status === "terminated") {
        expect(employee.terminationDate).not.toBeNull();
        expect(employee.terminationReason).not.toBeNull();
        expect(employee.lifecycle.at(-1)?.effectiveDate).toBe(
          addDays(employee.terminationDate ?? "", 1),
        );
      } else {
        expect(employee.terminationDate).toBeNull();
      }
    }
  });

  test("generated employees have history changes", () => {
    const generated = large.employees.slice(36);
    const withWorkChanges = generated.filter((employee) => employee.work.length > 1);
    const withEmploymentChanges = generated.filter(
      (employee) => employee.employment.length > 1,
    );
    const withLeave = generated.filter((employee) =>
      employee.lifecycle.some((row) => row.status === "leave"),
    );

    expect(withWorkChanges.length).toBeGreaterThan(generated.length / 4);
    expect(withEmploymentChanges.length).toBeGreaterThan(generated.length / 10);
    expect(withLeave.length).toBeGreaterThan(generated.length / 10);
  });

  test("managers are named employees", () => {
    const namedIds = new Set(standard.employees.map((employee) => employee.id));
    for (const employee of large.employees.slice(36)) {
      for (const row of employee.work) {
        expect(namedIds.has(row.reportsToId ?? "")).toBe(true);
      }
    }
  });

  test("rejects invalid counts", () => {
    for (const employeeCount of [0, -1, 1.5, Number.NaN, MAX_EMPLOYEE_COUNT + 1]) {
      expect(() => createCompany(TODAY, { employeeCount })).toThrow(RangeError);
    }
  });
});

describe("large company over HTTP", () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  const scenario = findScenario("full-access");

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, employeeCount: LARGE_COUNT });
  });

  afterAll(async () => {
    await simulator?.close();
  });

  function authorization(): string {
    const credentials = `${scenario?.serviceUserId}:${scenario?.token}`;
    return `Basic ${Buffer.from(credentials).toString("base64")}`;
  }

  async function search(showInactive: boolean): Promise<Record<string, unknown>[]> {
    const response = await fetch(`${simulator.baseUrl}/people/search`, {
      method: "POST",
      headers: { Authorization: authorization(), "Content-Type": "application/json" },
      body: JSON.stringify({ fields: ["root.id", "root.email"], showInactive }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { employees: Record<string, unknown>[] })
      .employees;
  }

  test("search returns every employee", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const company = createCompany(today, { employeeCount: LARGE_COUNT });
    const terminated = company.employees.filter(
      (employee) => currentRow(employee.lifecycle, today).status === "terminated",
    ).length;

    const everyone = await search(true);
    const active = await search(false);

    expect(everyone).toHaveLength(LARGE_COUNT);
    expect(active).toHaveLength(LARGE_COUNT - terminated);
  });

  test("reads generated employee's history", async () => {
    const company = createCompany(new Date().toISOString().slice(0, 10), {
      employeeCount: LARGE_COUNT,
    });
    const employee = company.employees.find(
      (candidate, index) => index >= 36 && candidate.work.length > 1,
    );
    expect(employee).toBeDefined();

    const response = await fetch(`${simulator.baseUrl}/people/${employee?.id}/work`, {
      headers: { Authorization: authorization() },
    });
    const body = (await response.json()) as { values: unknown[] };

    expect(response.status).toBe(200);
    expect(body.values).toHaveLength(employee?.work.length ?? 0);
  });

  test("probe sees every employee", async () => {
    const report = await runProbe({
      baseUrl: simulator.baseUrl,
      serviceUserId: scenario?.serviceUserId ?? "",
      token: scenario?.token ?? "",
    });

    expect(report.outcome).toBe("all_granted");
    expect(report.employeesVisible).toBe(LARGE_COUNT);
    expect(report.accessScope.status).toBe("complete");
  });
});
