// `npm run bench`: measures probe latency, the staff dashboard at scale,
// page weight and server memory, prints each figure with the machine it ran
// on, and writes them to BENCHMARKS.md. Usage in options.ts, method in
// BENCHMARKS.md.
import {
  buildApp,
  DIST_DIR,
  hasBuild,
  startAppServer,
  type AppServer,
} from "./app-server";
import {
  measureDashboardHttp,
  measureDashboardQueries,
  DASHBOARD_P95_TARGET_MS,
  LOAD_CONNECTIONS,
  LOAD_SECONDS,
  LOAD_TARGETS,
  type DashboardResult,
} from "./dashboard";
import {
  createBenchDatabase,
  createStaffSession,
  createWizardLink,
  postgresVersion,
  seedCustomers,
  type BenchDatabase,
  type StaffSession,
} from "./database";
import { measurePageLoads } from "./lcp";
import { describeMachine, formatMachine, type MachineInfo } from "./machine";
import {
  readMemory,
  startMemorySampler,
  type MemoryReading,
  type MemorySampler,
} from "./memory";
import {
  PARTS,
  USAGE,
  UsageError,
  parseBenchOptions,
  type BenchOptions,
  type Part,
} from "./options";
import { measureFirstLoadJs } from "./page-weight";
import { print, sleep, stopAllProcesses } from "./processes";
import { runProbeLatency } from "./probe-latency";
import { writeBenchmarksFile } from "./report";
import {
  loadStoredResults,
  saveStoredResults,
  type MemoryResult,
  type PageWeightResult,
  type StoredResults,
} from "./results";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process";
import { formatKb, formatMb, formatMs, median } from "./stats";

const APP_PORT = 4650;
const APP_SIMULATOR_PORT = 4640;
const PAGE_LOADS = 7;

type ServerParts = {
  dashboard?: DashboardResult;
  weight?: PageWeightResult;
  memory?: MemoryResult;
};

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchOptions(argv);
  if (options === "help") {
    print(USAGE);
    return;
  }
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(" ")}` : ""}`;
  const machine = describeMachine();
  print(`Machine: ${formatMachine(machine)}`);
  print(`Command: ${command}`);

  const startedAt = performance.now();
  const stored = loadStoredResults();
  const save = async () => {
    if (options.write) {
      await saveStoredResults(stored);
      await writeBenchmarksFile(stored);
    }
  };

  if (options.parts.includes("probe")) {
    print("\n1. Probe latency (simulator delay 100 ms per call)");
    stored.probe = { machine, command, result: await runProbeLatency() };
    // Kept even if a later part fails.
    await save();
  }

  const serverParts = options.parts.filter((part) => part !== "probe");
  if (serverParts.length > 0) {
    const results = await runServerParts(options);
    record(stored, machine, command, results);
  }

  if (options.parts.length === PARTS.length && !options.skipBuild) {
    stored.fullRunSeconds = (performance.now() - startedAt) / 1000;
  }
  await save();
  if (options.write) {
    print("\nWrote BENCHMARKS.md and bench/results.json.");
  }
}

function record(
  stored: StoredResults,
  machine: MachineInfo,
  command: string,
  results: ServerParts,
): void {
  if (results.dashboard) {
    stored.dashboard = { machine, command, result: results.dashboard };
  }
  if (results.weight) {
    stored.weight = { machine, command, result: results.weight };
  }
  if (results.memory) {
    stored.memory = { machine, command, result: results.memory };
  }
}

/** The running app and what the server parts need from its database. */
type ServerContext = {
  database: BenchDatabase;
  /** Set when the database was seeded for the dashboard load. */
  seed?: DashboardResult["seed"];
  session: StaffSession;
  wizardPath: string;
  /** A link whose HR admin has reached step 3, the step with the credential form. */
  wizardFormPath: string;
  server: AppServer;
  /** Server memory after start-up and one request per route. */
  idle: MemoryReading;
};

type Wants = (part: Part) => boolean;

/** Builds and starts the app on a fresh database, then runs parts 2 to 4. */
async function runServerParts(options: BenchOptions): Promise<ServerParts> {
  const wants: Wants = (part) => options.parts.includes(part);
  const needsLoad = wants("dashboard") || wants("memory");
  await ensureBuild(options.skipBuild);

  let database: BenchDatabase | undefined;
  let simulator: SimulatorProcess | undefined;
  let server: AppServer | undefined;
  try {
    database = await createBenchDatabase();
    print(`Created database ${database.name}.`);
    const seed = needsLoad ? await seed10000Customers(database) : undefined;
    const session = await createStaffSession(database);
    const wizardPath = await createWizardLink(database);
    const wizardFormPath = await createWizardLink(database, 3);

    simulator = await startSimulatorProcess({
      name: "simulator-app",
      port: APP_SIMULATOR_PORT,
      delayMs: 0,
      employeeCount: 36,
    });
    server = await startAppServer({
      port: APP_PORT,
      databaseUrl: database.url,
      hibobBaseUrl: simulator.baseUrl,
    });
    print(`Started next start (process ${server.process.pid}) at ${server.url}.`);
    const idle = await settle(server, session, needsLoad);
    const context: ServerContext = {
      database,
      seed,
      session,
      wizardPath,
      wizardFormPath,
      server,
      idle,
    };

    // The page loads of part 3 come after the dashboard load, so they do not
    // raise the memory figures of part 4.
    const results: ServerParts = needsLoad ? await runLoadParts(context, wants) : {};
    if (wants("weight")) {
      results.weight = await runWeightPart(context);
    }
    return results;
  } finally {
    await server?.stop();
    await simulator?.stop();
    await database?.drop();
  }
}

async function ensureBuild(skipBuild: boolean): Promise<void> {
  if (skipBuild) {
    if (!hasBuild()) {
      throw new Error(
        `--skip-build was given, but ${DIST_DIR} has no build. Run without it.`,
      );
    }
    print(`\nReusing the production build in ${DIST_DIR}.`);
    return;
  }
  print(`\nBuilding the app into ${DIST_DIR} …`);
  print(`  next build took ${formatMs(await buildApp())}`);
}

async function seed10000Customers(
  database: BenchDatabase,
): Promise<DashboardResult["seed"]> {
  print("Seeding 10,000 customers with scripts/seed-customers.ts …");
  const seed = await seedCustomers(database);
  print(
    `  ${seed.customers} customers, ${seed.probeRuns} probe runs, ` +
      `${seed.linkSessions} link sessions in ${seed.seconds.toFixed(1)} s`,
  );
  return seed;
}

/**
 * Loads each measured route's code with one request, lets the server settle
 * for 2 s, and returns its memory then: the idle baseline of part 4.
 */
async function settle(
  server: AppServer,
  session: StaffSession,
  withDashboard: boolean,
): Promise<MemoryReading> {
  for (const path of ["/", "/api/health", ...(withDashboard ? ["/staff"] : [])]) {
    const response = await fetch(`${server.url}${path}`, {
      headers: { Cookie: session.cookie },
    });
    await response.arrayBuffer();
  }
  await sleep(2000);
  return readMemory(server.process.pid);
}

/** Part 2 and the memory sampling of part 4, which share the dashboard load. */
async function runLoadParts(context: ServerContext, wants: Wants): Promise<ServerParts> {
  const { database, seed, session, server, idle } = context;
  if (seed === undefined) {
    throw new Error("The dashboard load needs the seeded database.");
  }
  print("\n2. Dashboard at scale");
  const queries = wants("dashboard")
    ? await measureDashboardQueries(database, session.userId)
    : undefined;

  let sampler: MemorySampler | undefined;
  let sampled: ReturnType<MemorySampler["stop"]> | undefined;
  const http = await measureDashboardHttp(
    server.url,
    session.cookie,
    server.process.pid,
    () => {
      sampler = startMemorySampler(server.process.pid);
    },
    () => {
      sampled = sampler?.stop();
    },
  );

  const results: ServerParts = {};
  if (queries) {
    results.dashboard = {
      postgres: await postgresVersion(database),
      seed,
      ...queries,
      ...http,
      connections: LOAD_CONNECTIONS,
      durationSeconds: LOAD_SECONDS,
      targetP95Ms: DASHBOARD_P95_TARGET_MS,
    };
  }
  if (wants("memory") && sampled) {
    results.memory = {
      idle,
      loadPeakRssBytes: sampled.peakRssBytes,
      loadSamples: sampled.samples,
      afterLoad: sampled.final,
      loadTargets: LOAD_TARGETS.map((target) => target.name),
      loadSeconds: LOAD_TARGETS.length * LOAD_SECONDS,
    };
    print(
      `\n4. Memory: idle VmRSS ${formatMb(idle.rssBytes)}, peak VmRSS under load ` +
        `${formatMb(sampled.peakRssBytes)}, VmHWM ${formatMb(sampled.final.hwmBytes)}`,
    );
  }
  return results;
}

async function runWeightPart(context: ServerContext): Promise<PageWeightResult> {
  print("\n3. Page weight");
  const firstLoad = measureFirstLoadJs(DIST_DIR);
  for (const route of firstLoad.routes) {
    print(`  ${route.route}: ${formatKb(route.totalGzipBytes)} first-load JS (gzip)`);
  }
  const loads = await measurePageLoads(
    context.server.url,
    [
      { name: "Home page / (baseline)", path: "/" },
      { name: "Wizard step 1 (/link/<token>)", path: context.wizardPath },
      { name: "Wizard step 3 (/link/<token>?step=3)", path: context.wizardFormPath },
    ],
    PAGE_LOADS,
  );
  for (const series of loads.series) {
    const lcp = series.loads.map((load) => load.lcpMs);
    print(`  LCP ${series.name}: median ${formatMs(median(lcp))}`);
  }
  return { firstLoad, ...loads };
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write(
      `Received ${signal}: stopping the processes this run started and dropping its database. ` +
        "Send it again to exit at once.\n",
    );
    process.exitCode = 130;
    // The measurement in progress fails once its server is gone, and the
    // cleanup in runServerParts drops the database.
    void stopAllProcesses();
  });
}

main()
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 64;
      return;
    }
    process.stderr.write(
      `The benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => stopAllProcesses());
