// Renders bench/results.json as BENCHMARKS.md: a summary of every target,
// then one section per part with its machine, command, figures, baseline and
// method.
import { writeFileSync } from "node:fs";
import path from "node:path";

import * as prettier from "prettier";

import {
  DIRECT_RUNS,
  DIRECT_WARMUPS,
  SEQUENTIAL_REQUESTS,
  type DashboardResult,
} from "./dashboard";
import { medianOf } from "./lcp";
import { formatMachine, type MachineInfo } from "./machine";
import { WIZARD_FIRST_LOAD_TARGET_BYTES, WIZARD_ROUTE } from "./page-weight";
import {
  PROBE_DELAY_MS,
  SEARCH_LIMIT_PER_MINUTE,
  describeProbeCase,
  type ProbeCaseResult,
  type ProbeLatencyResult,
} from "./probe-latency";
import type { MemoryResult, PageWeightResult, Recorded, StoredResults } from "./results";
import { formatKb, formatMb, formatMs, max, median } from "./stats";

export const BENCHMARKS_FILE = path.resolve("BENCHMARKS.md");

type SummaryRow = {
  part: string;
  measure: string;
  target: string;
  measured: string;
  baseline: string;
  met: boolean | null;
};

function table(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [
    `| ${header.map(escape).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(escape).join(" | ")} |`),
  ].join("\n");
}

function metText(met: boolean | null): string {
  if (met === null) {
    return "no target";
  }
  return met ? "met" : "**not met**";
}

function runLine(recorded: Recorded<unknown>): string {
  return `Run: \`${recorded.command}\` on ${formatMachine(recorded.machine)}.`;
}

// Part 1 -------------------------------------------------------------------

function probeSummary(recorded: Recorded<ProbeLatencyResult>): SummaryRow[] {
  const { result } = recorded;
  const rows: SummaryRow[] = result.cases.map((probeCase) => ({
    part: "1. Probe",
    measure: `Probe wall time, ${describeProbeCase(probeCase)} (max of ${result.repetitions})`,
    target: `≤ ${result.targetMs} ms`,
    measured: `${formatMs(max(probeCase.concurrent.wallMs))} (median ${formatMs(median(probeCase.concurrent.wallMs))})`,
    baseline: `one call at a time: median ${formatMs(median(probeCase.serialized.wallMs))}`,
    met: max(probeCase.concurrent.wallMs) <= result.targetMs,
  }));
  const searches = Math.max(
    ...result.cases.flatMap((probeCase) => probeCase.concurrent.searchesPerProbe),
  );
  const rateLimited = result.cases.reduce(
    (total, probeCase) =>
      total +
      probeCase.concurrent.rateLimitedResponses +
      probeCase.serialized.rateLimitedResponses,
    0,
  );
  rows.push({
    part: "1. Probe",
    measure: "Searches per probe (HiBob allows 50 a minute per service user)",
    target: "within the rate limit",
    measured: `${searches} per probe, so ${Math.floor(SEARCH_LIMIT_PER_MINUTE / searches)} probes a minute; ${rateLimited} HTTP 429 in the run`,
    baseline: "",
    met: rateLimited === 0 && searches <= SEARCH_LIMIT_PER_MINUTE,
  });
  return rows;
}

function probeRow(probeCase: ProbeCaseResult): string[] {
  const { concurrent, serialized } = probeCase;
  return [
    describeProbeCase(probeCase),
    formatMs(median(concurrent.wallMs)),
    formatMs(max(concurrent.wallMs)),
    `${concurrent.sequentialCallsPerProbe[0] ?? "?"} / ${concurrent.callsPerProbe[0] ?? "?"} / ${concurrent.searchesPerProbe[0] ?? "?"}`,
    formatMs(median(concurrent.hibobMs)),
    formatMs(median(concurrent.slowestCallMs)),
    formatMs(median(concurrent.ownMs)),
    `${formatMs(median(serialized.wallMs))} / ${formatMs(max(serialized.wallMs))}`,
    formatMs(median(probeCase.singleCallMs)),
    [...new Set(concurrent.outcomes)].join(", "),
  ];
}

function probeSection(recorded: Recorded<ProbeLatencyResult> | undefined): string {
  if (!recorded) {
    return "## 1. Probe latency\n\nNot measured yet: run `npm run bench -- --only probe`.";
  }
  const { result } = recorded;
  return `## 1. Probe latency

${runLine(recorded)}

The HiBob simulator runs in its own process with a delay of ${result.delayMs} ms before every
response and HiBob's limit of ${SEARCH_LIMIT_PER_MINUTE} searches a minute. Each case gets a
fresh simulator, one warm-up probe and ${result.repetitions} measured probes of the
\`full-access\` service user. The baseline is the same probe with a fetch wrapper that lets one
HiBob call run at a time (each waits until the previous response body is read), taking turns with
the measured probes. Target: at most ${result.targetMs} ms, four times the delay of one call.

${table(
  [
    "Company and required categories",
    "Median",
    "Max",
    "Calls in sequence / calls / searches",
    "HiBob time",
    "Slowest call",
    "Probe's own time",
    "One call at a time: median / max",
    "Single call alone",
    "Outcome",
  ],
  result.cases.map(probeRow),
)}

- *Calls in sequence* is the longest chain of HiBob calls in which each call starts after the
  previous one ended: metadata, the small search, then the history tables, which overlap the large
  search. *HiBob time* is the time with at least one HiBob call in flight, response bodies
  included. *Probe's own time* is the rest of the wall time: parsing and checks in the probe. The
  three times are medians.
- *Slowest call* is the median of each probe's slowest call. The simulator builds a search
  response before its delay, so a large search takes longer than ${PROBE_DELAY_MS} ms. The largest
  response per case was ${result.cases
    .map(
      (probeCase) =>
        `${formatKb(max(probeCase.concurrent.largestResponseBytes))} (${describeProbeCase(probeCase)})`,
    )
    .join(", ")}.${
    result.cases.some((probeCase) => probeCase.employeeCount < 36)
      ? `
- A company of fewer than 36 employees has none of the four future hires (employees 33 to 36),
  so the probe reports the Hired status as not visible and the outcome is
  \`missing_permissions\`. It makes the same calls as for a complete scope.`
      : ""
  }`;
}

// Part 2 -------------------------------------------------------------------

function dashboardSummary(recorded: Recorded<DashboardResult>): SummaryRow[] {
  const { result } = recorded;
  const baseline = result.load.find((entry) => entry.baseline);
  const rows: SummaryRow[] = result.load
    .filter((entry) => !entry.baseline)
    .map((entry) => ({
      part: "2. Dashboard",
      measure: `p95 of ${entry.name}, ${result.connections} connections, ${result.durationSeconds} s`,
      target: `≤ ${result.targetP95Ms} ms`,
      measured: `${formatMs(entry.p95Ms)} (p50 ${formatMs(entry.p50Ms)})`,
      baseline: baseline
        ? `GET /api/health: p95 ${formatMs(baseline.p95Ms)} (p50 ${formatMs(baseline.p50Ms)})`
        : "",
      met: entry.p95Ms <= result.targetP95Ms && entry.failures === 0,
    }));
  const counts = result.statementsPerPage;
  rows.push({
    part: "2. Dashboard",
    measure: "SQL statements per dashboard page, 25 and 100 rows",
    target: "equal",
    measured: counts
      .map((entry) => `${entry.statements} (${entry.pageSize} rows)`)
      .join(", "),
    baseline: "",
    met: new Set(counts.map((entry) => entry.statements)).size === 1,
  });
  return rows;
}

function dashboardSection(recorded: Recorded<DashboardResult> | undefined): string {
  if (!recorded) {
    return "## 2. Dashboard at scale\n\nNot measured yet: run `npm run bench -- --only dashboard`.";
  }
  const { result } = recorded;
  const directRows = result.direct.cases.map((entry) => [
    entry.name,
    `${entry.rows} of ${entry.total}`,
    formatMs(entry.medianMs),
    formatMs(entry.p95Ms),
    entry.plans
      .map((plan) => `${plan.statement}: ${formatMs(plan.executionMs)}`)
      .join(", "),
    entry.plans.map((plan) => `${plan.statement}: ${plan.scans.join(", ")}`).join("; "),
  ]);
  const sequentialRows = result.sequential.map((entry) => [
    `GET ${entry.path}`,
    formatMs(entry.medianMs),
    formatMs(entry.p95Ms),
    formatMs(entry.maxMs),
  ]);
  const loadRows = result.load.map((entry) => [
    entry.name,
    String(entry.requests),
    formatMs(entry.p50Ms),
    formatMs(entry.p95Ms),
    formatMs(entry.maxMs),
    entry.requestsPerSecond.toFixed(0),
    // Results stored before the CPU figures existed have neither field.
    entry.serverCores === undefined || entry.serverCpuMsPerRequest === undefined
      ? "not measured"
      : `${formatMs(entry.serverCpuMsPerRequest)} (${entry.serverCores.toFixed(2)} cores)`,
    String(entry.failures),
    entry.baseline ? "baseline" : metText(entry.p95Ms <= result.targetP95Ms),
  ]);

  return `## 2. Dashboard at scale

${runLine(recorded)} ${result.postgres}.

A fresh database with ${result.seed.customers.toLocaleString("en-US")} customers,
${result.seed.probeRuns.toLocaleString("en-US")} probe runs and
${result.seed.linkSessions.toLocaleString("en-US")} link sessions, inserted by
\`scripts/seed-customers.ts --count 10000 --probe-runs 10 --batch 250\`. The benchmark then deletes older
probe runs that no customer shows as its latest, down to exactly 50,000, and runs
\`VACUUM ANALYZE\`. Seeding took ${result.seed.seconds.toFixed(0)} s. The database is dropped at
the end.

### Dashboard query, called directly

\`getDashboardPage\` from \`lib/dashboard/query.ts\` through Prisma and node-postgres, as the
server calls it: median and p95 of ${DIRECT_RUNS} calls after ${DIRECT_WARMUPS} warm-up calls. Baseline: \`SELECT 1\` through the same client, median
${formatMs(result.direct.baselineMedianMs)}. SQL execution and plan come from
\`EXPLAIN (ANALYZE, FORMAT JSON)\` of the statements the call sent, captured with Prisma's query
events.

${table(["View", "Rows", "Median", "p95", "SQL execution", "Plan scans"], directRows)}

SQL statements per dashboard page, counted with Prisma query events while
\`getDashboardPage\` and \`listOwnerOptions\` load the page's data as \`lib/dashboard/load.ts\`
does: ${result.statementsPerPage
    .map((entry) => `${entry.statements} for ${entry.pageSize} rows`)
    .join(", ")}. The page also reads the staff session (one more statement per request).

### Production server, one request at a time

\`next start\` of the production build, signed in with a seeded Auth.js database session
(\`authjs.session-token\` cookie). One untimed request per URL, then ${SEQUENTIAL_REQUESTS} requests in a row; the
time includes the response body. \`GET /api/health\` (one query for the migration status) is the
baseline for the server's fixed cost.

${table(["Request", "Median", "p95", "Max"], sequentialRows)}

### Production server, ${result.connections} concurrent connections

autocannon 9 with ${result.connections} connections for ${result.durationSeconds} s per URL, each
connection sending its next request as soon as the previous response arrives. The load generator
runs on the same machine as the server and PostgreSQL. Percentiles are computed from every
response time, because autocannon's own summary has no p95.

${table(
  [
    "Request",
    "Requests",
    "p50",
    "p95",
    "Max",
    "Requests/s",
    "Server CPU per request",
    "Failures",
    `p95 ≤ ${result.targetP95Ms} ms`,
  ],
  loadRows,
)}

With ${result.connections} connections that never pause, each request waits for the ones ahead
of it, so the latency is about ${result.connections} divided by the throughput (Little's law).
The p95 can only reach ${result.targetP95Ms} ms on this machine if the server handles at least
${Math.ceil((result.connections * 1000) / result.targetP95Ms)} dashboard pages a second.
*Server CPU per request* is the \`next start\` process's user and system CPU time during the run
(from \`/proc/<pid>/stat\`) divided by the responses, with the average number of cores it kept
busy. Node.js runs the app's JavaScript on one thread, so about one core is its ceiling.${cpuCeiling(result)}`;
}

/** States how many dashboard pages a second one core allows at the measured CPU cost. */
function cpuCeiling(result: DashboardResult): string {
  const page = result.load.find((entry) => !entry.baseline);
  if (page?.serverCpuMsPerRequest === undefined) {
    return "";
  }
  return (
    ` At ${formatMs(page.serverCpuMsPerRequest)} of server CPU per ${page.name} response, ` +
    `one core serves at most ${Math.floor(1000 / page.serverCpuMsPerRequest)} a second.`
  );
}

// Part 3 -------------------------------------------------------------------

function weightSummary(recorded: Recorded<PageWeightResult>): SummaryRow[] {
  const { result } = recorded;
  const wizard = result.firstLoad.routes.find((route) => route.route === WIZARD_ROUTE);
  const home = result.firstLoad.routes.find((route) => route.route === "/");
  const [baselineLoads, wizardLoads, formLoads] = result.series;
  const rows: SummaryRow[] = [
    {
      part: "3. Page weight",
      measure: `First-load JavaScript of the wizard's steps 1 and 2 (${WIZARD_ROUTE}), gzip`,
      target: `≤ ${formatKb(WIZARD_FIRST_LOAD_TARGET_BYTES)}`,
      measured: wizard ? formatKb(wizard.totalGzipBytes) : "route not found",
      baseline: home ? `/: ${formatKb(home.totalGzipBytes)}` : "",
      met: wizard ? wizard.totalGzipBytes <= WIZARD_FIRST_LOAD_TARGET_BYTES : false,
    },
  ];
  if (formLoads) {
    const received = medianOf(formLoads.loads, "scriptTransferBytes");
    rows.push({
      part: "3. Page weight",
      measure: "JavaScript Chromium received for wizard step 3 (with the form's chunk)",
      target: `≤ ${formatKb(WIZARD_FIRST_LOAD_TARGET_BYTES)}`,
      measured: formatKb(received),
      baseline: baselineLoads
        ? `/: ${formatKb(medianOf(baselineLoads.loads, "scriptTransferBytes"))}`
        : "",
      met: received <= WIZARD_FIRST_LOAD_TARGET_BYTES,
    });
  }
  if (baselineLoads && wizardLoads) {
    rows.push({
      part: "3. Page weight",
      measure: "Largest Contentful Paint, wizard step 1 (median)",
      target: "",
      measured: formatMs(medianOf(wizardLoads.loads, "lcpMs")),
      baseline: `/: ${formatMs(medianOf(baselineLoads.loads, "lcpMs"))}`,
      met: null,
    });
  }
  return rows;
}

function weightSection(recorded: Recorded<PageWeightResult> | undefined): string {
  if (!recorded) {
    return "## 3. Page weight\n\nNot measured yet: run `npm run bench -- --only weight`.";
  }
  const { result } = recorded;
  const { firstLoad } = result;
  const routeRows = firstLoad.routes.map((route) => [
    route.route,
    formatKb(firstLoad.sharedGzipBytes),
    formatKb(route.routeGzipBytes),
    formatKb(route.totalGzipBytes),
    formatKb(route.totalRawBytes),
    route.route === WIZARD_ROUTE
      ? metText(route.totalGzipBytes <= WIZARD_FIRST_LOAD_TARGET_BYTES)
      : "",
  ]);
  const loadRows = result.series.map((series) => [
    series.name,
    formatMs(medianOf(series.loads, "lcpMs")),
    formatMs(max(series.loads.map((load) => load.lcpMs))),
    formatMs(medianOf(series.loads, "fcpMs")),
    formatMs(medianOf(series.loads, "ttfbMs")),
    formatKb(medianOf(series.loads, "scriptTransferBytes")),
    [...new Set(series.loads.map((load) => load.lcpElement))].join(", "),
  ]);

  return `## 3. Page weight

${runLine(recorded)} Chromium ${result.browserVersion}.

### First-load JavaScript per route

Computed from the production build in \`.next-bench\`: the chunks in \`build-manifest.json\`
\`rootMainFiles\` (framework and runtime, loaded by every page) plus the chunks that the route's
\`server/app/<route>/page_client-reference-manifest.js\` lists in \`entryJSFiles\` for the root
layout, the error and not-found boundaries and the page. Each file counts once, at its gzip size
(level 9). Polyfills are left out because only browsers without ES modules load them.
1 kB is 1,000 bytes, which is stricter than KiB for the target.

${table(["Route", "Shared", "Route's own", "Total (gzip)", "Total (raw)", `≤ ${formatKb(WIZARD_FIRST_LOAD_TARGET_BYTES)}`], routeRows)}

The shared chunks alone weigh ${formatKb(firstLoad.sharedGzipBytes)} gzip: React DOM, the Next.js
router and runtime. A \`next build --webpack\` of the same code, measured once by hand, shipped
133.9 kB of shared chunks as well, so no route of this stack can weigh less. ${wizardChunks(firstLoad)} Step 3's credential form (react-hook-form, the zod schema and the
form) is a chunk of its own that only step 3 loads, so the manifest does not list it; the page
loads below show what step 3 receives in all.
${browserCheck(result)}

### Largest Contentful Paint

Debian Chromium, headless, started by Playwright with the flags of \`playwright.config.ts\`.
Each load opens a fresh browser context (empty cache) at 1280 × 800, waits for the load event and
300 ms more, then reads the last \`largest-contentful-paint\` entry. One warm-up load per page,
then ${result.series[0]?.loads.length ?? 0} loads per page taking turns. The server and the
browser share the machine and the network is loopback, so the figures show rendering and server
time, not download time. Baseline: the home page \`/\`, a few paragraphs in the same layout,
rendered on the server without database access.

${table(["Page", "LCP median", "LCP max", "FCP median", "TTFB median", "JS received", "LCP element"], loadRows)}`;
}

/** Lists the wizard route's own chunks with their sizes and the libraries recognised in them. */
function wizardChunks(firstLoad: PageWeightResult["firstLoad"]): string {
  const wizard = firstLoad.routes.find((route) => route.route === WIZARD_ROUTE);
  if (!wizard?.ownChunks) {
    return "";
  }
  const chunks = wizard.ownChunks.map((chunk) => {
    const libraries =
      chunk.libraries.length > 0 ? ` (contains ${chunk.libraries.join(" and ")})` : "";
    return `\`${path.basename(chunk.file)}\` ${formatKb(chunk.gzipBytes)}${libraries}`;
  });
  return `The wizard's own chunks, largest first: ${chunks.join(", ")}.`;
}

/** Compares the computed first-load JS with what Chromium received for the same pages. */
function browserCheck(result: PageWeightResult): string {
  const [baselineLoads, wizardLoads] = result.series;
  const computed = (route: string) =>
    result.firstLoad.routes.find((entry) => entry.route === route)?.totalGzipBytes;
  const home = computed("/");
  const wizard = computed(WIZARD_ROUTE);
  if (!baselineLoads || !wizardLoads || home === undefined || wizard === undefined) {
    return "";
  }
  return (
    "As a check, Chromium received " +
    `${formatKb(medianOf(baselineLoads.loads, "scriptTransferBytes"))} of JavaScript for \`/\` ` +
    `(computed ${formatKb(home)}) and ` +
    `${formatKb(medianOf(wizardLoads.loads, "scriptTransferBytes"))} for the wizard ` +
    `(computed ${formatKb(wizard)}), counted with Resource Timing \`encodedBodySize\` as the ` +
    "server compressed it (column *JS received* below)."
  );
}

// Part 4 -------------------------------------------------------------------

function memorySummary(recorded: Recorded<MemoryResult>): SummaryRow[] {
  const { result } = recorded;
  return [
    {
      part: "4. Memory",
      measure: "Peak resident memory of `next start` during the dashboard load",
      target: "",
      measured: `${formatMb(Math.max(result.loadPeakRssBytes, result.afterLoad.hwmBytes))}`,
      baseline: `idle: ${formatMb(result.idle.rssBytes)}`,
      met: null,
    },
  ];
}

function memorySection(recorded: Recorded<MemoryResult> | undefined): string {
  if (!recorded) {
    return "## 4. Memory\n\nNot measured yet: run `npm run bench -- --only memory`.";
  }
  const { result } = recorded;
  const rows = [
    [
      "Idle, before the load (baseline)",
      formatMb(result.idle.rssBytes),
      formatMb(result.idle.hwmBytes),
    ],
    [
      `Highest of ${result.loadSamples} samples during the load`,
      formatMb(result.loadPeakRssBytes),
      "",
    ],
    [
      "After the load",
      formatMb(result.afterLoad.rssBytes),
      formatMb(result.afterLoad.hwmBytes),
    ],
  ];
  return `## 4. Memory

${runLine(recorded)}

\`VmRSS\` (resident now) and \`VmHWM\` (peak resident since the process started) from
\`/proc/<pid>/status\` of the \`next start\` process and its children
(${result.afterLoad.pids.length === 1 ? "it started none" : `${result.afterLoad.pids.length} processes`}).
Idle is read after one request to each of \`/\`, \`/api/health\` and \`/staff\` and 2 s without
requests. During the load of part 2 (${result.loadTargets.join(", ")}; ${result.loadSeconds} s
in all) VmRSS is sampled every 100 ms.

${table(["State", "VmRSS", "VmHWM"], rows)}`;
}

// The file -----------------------------------------------------------------

export function renderBenchmarks(stored: StoredResults): string {
  const summary: SummaryRow[] = [
    ...(stored.probe ? probeSummary(stored.probe) : []),
    ...(stored.dashboard ? dashboardSummary(stored.dashboard) : []),
    ...(stored.weight ? weightSummary(stored.weight) : []),
    ...(stored.memory ? memorySummary(stored.memory) : []),
  ];
  const runs = new Set(
    [stored.probe, stored.dashboard, stored.weight, stored.memory].flatMap((recorded) =>
      recorded === undefined ? [] : [runKey(recorded.machine)],
    ),
  );
  const duration =
    stored.fullRunSeconds === undefined
      ? ""
      : ` The last full run took ${Math.round(stored.fullRunSeconds)} s.`;

  return `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/report.ts) from bench/results.json. Edit those, not this file. -->

Figures measured by \`npm run bench\`, which builds the app into \`.next-bench\`, starts its own
HiBob simulator, PostgreSQL database and \`next start\` on loopback ports 4600 to 4699, and stops
them again.${duration} Run one part with
\`npm run bench -- --only probe\` (parts: \`probe\`, \`dashboard\`, \`weight\`, \`memory\`); the
other parts keep the figures of their last run. Each section names the command and machine
that produced it${runs.size > 1 ? ", and the sections come from different runs" : ""}.

The machine is shared and absolute times drift from run to run, so every figure sits next to a
baseline measured in the same run. Compare a figure with its baseline, not with another run.

## Summary

${table(
  ["Part", "Measure", "Target", "Measured", "Baseline (same run)", "Result"],
  summary.map((row) => [
    row.part,
    row.measure,
    row.target,
    row.measured,
    row.baseline,
    metText(row.met),
  ]),
)}

${probeSection(stored.probe)}

${dashboardSection(stored.dashboard)}

${weightSection(stored.weight)}

${memorySection(stored.memory)}
`;
}

/** Identifies a run by its start time, which every part of one run shares. */
function runKey(machine: MachineInfo): string {
  return machine.date;
}

/** Writes BENCHMARKS.md, formatted with the project's Prettier settings. */
export async function writeBenchmarksFile(stored: StoredResults): Promise<void> {
  const config = (await prettier.resolveConfig(BENCHMARKS_FILE)) ?? {};
  // Paragraphs are rewrapped because interpolated figures leave ragged lines.
  // The repository's "preserve" setting accepts the result as it is.
  const text = await prettier.format(renderBenchmarks(stored), {
    ...config,
    proseWrap: "always",
    filepath: BENCHMARKS_FILE,
  });
  writeFileSync(BENCHMARKS_FILE, text);
}
