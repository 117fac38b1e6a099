// Runs the hostile-input, access-control, rate-limit and fault suites and
// prints what they exercised: inputs tried, requests refused, faults
// injected and records lost (which must be zero).
//
//   npm run security:report
//
// Uses TEST_DATABASE_URL when set (PostgreSQL), otherwise PGlite.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const SUITES = [
  "tests/unit/hostile-input.test.ts",
  "tests/unit/credentials-schema.test.ts",
  "tests/unit/rate-limiter.test.ts",
  "tests/unit/hostile-staff-input.test.ts",
  "tests/integration/hostile-input.test.ts",
  "tests/integration/rate-limit-store.test.ts",
  "tests/integration/probe-faults.test.ts",
  "tests/integration/staff-admin-access.test.ts",
  "tests/integration/staff-console-access.test.ts",
];

type Figure = { name: string; amount: number };

function main(): number {
  const suites = SUITES.filter((suite) => existsSync(suite));
  const figuresFile = path.join(
    mkdtempSync(path.join(os.tmpdir(), "security-report-")),
    "figures.jsonl",
  );
  const started = Date.now();

  const result = spawnSync(
    process.execPath,
    [path.join("node_modules", "vitest", "vitest.mjs"), "run", ...suites],
    { stdio: "inherit", env: { ...process.env, SECURITY_REPORT_FILE: figuresFile } },
  );

  const totals: Record<string, number> = {
    inputsTried: 0,
    requestsRefused: 0,
    faultsInjected: 0,
    recordsLost: 0,
  };
  if (existsSync(figuresFile)) {
    for (const line of readFileSync(figuresFile, "utf8").split("\n").filter(Boolean)) {
      const figure = JSON.parse(line) as Figure;
      totals[figure.name] = (totals[figure.name] ?? 0) + figure.amount;
    }
  }

  const cpus = os.cpus();
  console.log("\nSecurity test report");
  console.log(
    `  machine:          ${cpus.length} cores (${cpus[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  console.log(
    `  database:         ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"}`,
  );
  console.log(`  suites:           ${suites.length} (${suites.join(", ")})`);
  console.log(`  inputs tried:     ${totals.inputsTried}`);
  console.log(`  requests refused: ${totals.requestsRefused}`);
  console.log(`  faults injected:  ${totals.faultsInjected}`);
  console.log(`  records lost:     ${totals.recordsLost}`);
  console.log(`  tests:            ${result.status === 0 ? "all passed" : "FAILED"}`);
  console.log(`  duration:         ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (result.status !== 0) {
    return result.status ?? 1;
  }
  return totals.recordsLost === 0 ? 0 : 1;
}

process.exit(main());
