// The probe CLI as a child process against a simulator started by the test.
import { spawn } from "node:child_process";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { findScenario, type SimulatorScenario } from "@/simulator/scenarios";
import { startSimulator } from "@/simulator/server";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(REPO_ROOT, "scripts/probe.ts");

type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the CLI with tsx, writing `stdin` to its standard input and then closing it. */
function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.env?.HIBOB_TOKEN === undefined) {
    delete env.HIBOB_TOKEN;
  }
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function scenario(id: string): SimulatorScenario {
  const found = findScenario(id);
  if (found === undefined) {
    throw new Error(`unknown scenario ${id}`);
  }
  return found;
}

let simulator: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator?.close();
});

function probeArgs(serviceUserId: string, ...extra: string[]): string[] {
  return ["--base-url", simulator.baseUrl, "--service-user-id", serviceUserId, ...extra];
}

function expectNoToken(result: CliResult, token: string) {
  expect(result.stdout).not.toContain(token);
  expect(result.stderr).not.toContain(token);
}

describe("probe CLI results", () => {
  test("full access exits 0 with JSON", async () => {
    const fullAccess = scenario("full-access");
    const result = await runCli(probeArgs(fullAccess.serviceUserId, "--json"), {
      env: { HIBOB_TOKEN: fullAccess.token },
    });

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      credentials: "valid",
      outcome: "all_granted",
      accessScope: { status: "complete", missingLifecycleStatuses: [] },
    });
    expect(typeof report.employeesVisible).toBe("number");
    expect(typeof report.durationMs).toBe("number");
    const categories = report.categories as Record<string, unknown>[];
    expect(categories.map((category) => category.id)).toEqual([
      ...PERMISSION_CATEGORY_IDS,
    ]);
    for (const category of categories) {
      expect(Object.keys(category)).toEqual(
        expect.arrayContaining(["id", "name", "status", "missing", "fix"]),
      );
    }
    expectNoToken(result, fullAccess.token);
  });

  test("token from standard input", async () => {
    const fullAccess = scenario("full-access");
    const result = await runCli(probeArgs(fullAccess.serviceUserId, "--json"), {
      stdin: `  ${fullAccess.token}  \nignored second line\n`,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: "all_granted" });
    expectNoToken(result, fullAccess.token);
  });

  test("missing permission exits 1 with a table", async () => {
    const workNoHistory = scenario("work-no-history");
    const result = await runCli(probeArgs(workNoHistory.serviceUserId), {
      env: { HIBOB_TOKEN: workNoHistory.token },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Category\s+Status\s+Missing\s+Unverified/);
    expect(result.stdout).toMatch(/Work\s+partial\s+view_history/);
    expect(result.stdout).toContain("Fix: In HiBob, open Settings › Permission groups");
    expect(result.stdout).toContain("Credentials:       valid");
    expectNoToken(result, workNoHistory.token);
  });

  test("no employees exits 1", async () => {
    const noGroup = scenario("no-permission-group");
    const result = await runCli(probeArgs(noGroup.serviceUserId, "--json"), {
      env: { HIBOB_TOKEN: noGroup.token },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      outcome: "no_employees_visible",
      employeesVisible: 0,
    });
  });

  test("wrong token exits 2", async () => {
    const wrongToken = scenario("wrong-token");
    const result = await runCli(probeArgs(wrongToken.serviceUserId), {
      env: { HIBOB_TOKEN: wrongToken.token },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("Credentials:       invalid");
    expectNoToken(result, wrongToken.token);
  });

  test("unreachable HiBob exits 2", async () => {
    const closed = await startSimulator({ port: 0 });
    const baseUrl = closed.baseUrl;
    await closed.close();
    const result = await runCli(
      ["--base-url", baseUrl, "--service-user-id", "SERVICE-X", "--json"],
      { env: { HIBOB_TOKEN: "token-for-closed-port" } },
    );
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      credentials: "unreachable",
      outcome: "unreachable",
    });
  });

  test("categories limit the report", async () => {
    const fullAccess = scenario("full-access");
    const result = await runCli(
      probeArgs(fullAccess.serviceUserId, "--json", "--categories", "work,basic_info"),
      { env: { HIBOB_TOKEN: fullAccess.token } },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { categories: { id: string }[] };
    expect(report.categories.map((category) => category.id)).toEqual([
      "basic_info",
      "work",
    ]);
  });
});

describe("probe CLI usage errors", () => {
  const fullAccess = scenario("full-access");

  test("--token is rejected", async () => {
    const result = await runCli(
      probeArgs(fullAccess.serviceUserId, "--token", fullAccess.token),
    );
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("--token is not accepted");
    expect(result.stderr).toContain("process lists");
    expect(result.stdout).toBe("");
    expectNoToken(result, fullAccess.token);
  });

  test("--token= is rejected", async () => {
    const result = await runCli(
      probeArgs(fullAccess.serviceUserId, `--token=${fullAccess.token}`),
    );
    expect(result.code).toBe(64);
    expectNoToken(result, fullAccess.token);
  });

  const cases: [string, string[], RegExp][] = [
    ["missing base URL", ["--service-user-id", "X"], /Missing --base-url/],
    [
      "missing service user",
      ["--base-url", "http://127.0.0.1:9/v1"],
      /Missing --service-user-id/,
    ],
    [
      "unknown flag",
      ["--base-url", "http://127.0.0.1:9/v1", "--service-user-id", "X", "--colour"],
      /Unknown option/,
    ],
    [
      "bad URL",
      ["--base-url", "not-a-url", "--service-user-id", "X"],
      /Invalid HiBob base URL/,
    ],
    [
      "unknown category",
      [
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--service-user-id",
        "X",
        "--categories",
        "work,payroll",
      ],
      /Unknown category "payroll"/,
    ],
    [
      "bad timeout",
      [
        "--base-url",
        "http://127.0.0.1:9/v1",
        "--service-user-id",
        "X",
        "--timeout-ms",
        "soon",
      ],
      /Invalid --timeout-ms "soon"/,
    ],
  ];

  test.each(cases)("%s exits 64", async (_name, args, message) => {
    const result = await runCli(args, { env: { HIBOB_TOKEN: "usage-test-token" } });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run probe");
  });

  test("empty token exits 64", async () => {
    const result = await runCli(probeArgs(fullAccess.serviceUserId), { stdin: "\n" });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("No token");
  });

  test("empty HIBOB_TOKEN exits 64", async () => {
    const result = await runCli(probeArgs(fullAccess.serviceUserId), {
      env: { HIBOB_TOKEN: " " },
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("HIBOB_TOKEN is set but empty");
  });

  test("help exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Exit status:");
  });
});
