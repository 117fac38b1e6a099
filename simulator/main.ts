// The standalone HiBob simulator (`npm run simulator`). Prints the base URL
// and the scenarios' credentials, logs one line per request to standard
// output, and stops on SIGINT or SIGTERM.
import { parseArgs } from "node:util";

import { DEFAULT_EMPLOYEE_COUNT, MAX_EMPLOYEE_COUNT } from "./company";
import { SCENARIOS } from "./scenarios";
import { startSimulator } from "./server";

const EXIT_USAGE = 64;

const USAGE = `Usage: npm run simulator -- [--port N] [--host HOST] [--delay-ms N] [--employee-count N]

Starts the HiBob API simulator.

  --port N            TCP port to listen on; 0 picks a free port
                      (default: HIBOB_SIMULATOR_PORT or 4010)
  --host HOST         address to listen on (default: 127.0.0.1)
  --delay-ms N        delay in milliseconds added before every response (default: 0)
  --employee-count N  employees in the fake company, from 1 to ${MAX_EMPLOYEE_COUNT}
                      (default: ${DEFAULT_EMPLOYEE_COUNT})
  --help              print this help`;

type CommandOptions = {
  port: number;
  host: string;
  delayMs: number;
  employeeCount: number;
};

function parseCommandLine(argv: string[]): CommandOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "delay-ms": { type: "string" },
      "employee-count": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    return "help";
  }

  const port =
    values.port !== undefined
      ? parseInteger("--port", values.port, 65_535)
      : parseInteger(
          "HIBOB_SIMULATOR_PORT",
          process.env.HIBOB_SIMULATOR_PORT ?? "4010",
          65_535,
        );
  const delayMs = parseInteger("--delay-ms", values["delay-ms"] ?? "0", 600_000);
  const employeeCount = parseInteger(
    "--employee-count",
    values["employee-count"] ?? String(DEFAULT_EMPLOYEE_COUNT),
    MAX_EMPLOYEE_COUNT,
  );
  if (employeeCount < 1) {
    throw new UsageError(
      `Invalid --employee-count "${employeeCount}": expected an integer from 1 to ${MAX_EMPLOYEE_COUNT}.`,
    );
  }
  const host = values.host ?? "127.0.0.1";
  if (host.trim() === "") {
    throw new UsageError("Invalid --host: it must not be empty.");
  }
  return { port, host, delayMs, employeeCount };
}

class UsageError extends Error {}

function parseInteger(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > max) {
    throw new UsageError(
      `Invalid ${name} "${raw}": expected an integer from 0 to ${max}.`,
    );
  }
  return Number(raw);
}

function printScenarios(): void {
  const rows = SCENARIOS.map((scenario) => [
    scenario.id,
    scenario.serviceUserId,
    scenario.token,
  ]);
  const header = ["Scenario", "Service user ID", "Token"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");

  console.log(format(header));
  console.log(format(widths.map((width) => "-".repeat(width))));
  for (const row of rows) {
    console.log(format(row));
  }
}

async function main(): Promise<void> {
  let options: CommandOptions | "help";
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${message}\n\n${USAGE}`);
    process.exit(EXIT_USAGE);
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }

  const simulator = await startSimulator({
    port: options.port,
    host: options.host,
    delayMs: options.delayMs,
    employeeCount: options.employeeCount,
    logger: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`HiBob simulator listening. Base URL: ${simulator.baseUrl}\n`);
  printScenarios();
  console.log("");

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(
        `Received ${signal} again, so exiting without waiting for open requests.`,
      );
      process.exit(1);
    }
    stopping = true;
    console.log(`Received ${signal}, stopping the simulator.`);
    simulator.close().then(
      () => {
        console.log("Simulator stopped.");
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Failed to stop the simulator cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(
    `The simulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
