// Command-line permission check of a HiBob service user, for support staff and
// scripts. `npm run probe -- --help` prints the usage.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

import {
  PERMISSION_CATEGORY_IDS,
  isPermissionCategoryId,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import { DEFAULT_TIMEOUT_MS, normalizeBaseUrl } from "@/lib/hibob/client";
import { runProbe } from "@/lib/probe/engine";
import type { ProbeLogger, ProbeOutcome, ProbeReport } from "@/lib/probe/types";

const EXIT_GRANTED = 0;
const EXIT_MISSING = 1;
const EXIT_NOT_CHECKED = 2;
const EXIT_USAGE = 64;
const EXIT_INTERRUPTED = 130;
const MAX_TIMEOUT_MS = 600_000;
const WRAP_WIDTH = 100;

/** Splits text into lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent: string, width = WRAP_WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((part) => part !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") {
    lines.push(indent + line);
  }
  return lines;
}

const USAGE = `Usage: npm run probe -- --base-url URL --service-user-id ID [options]

Checks which People's-data permissions a HiBob service user has and prints a
fix for each one that is missing. The check only reads from HiBob.

Options:
  --base-url URL          HiBob API base URL including /v1, for example
                          https://api.hibob.com/v1
  --service-user-id ID    The service user's ID
  --categories LIST       Comma-separated categories to check (default: all):
${wrap(PERMISSION_CATEGORY_IDS.join(", "), " ".repeat(26), 80).join("\n")}
  --timeout-ms N          Timeout of each HiBob call in milliseconds
                          (default ${DEFAULT_TIMEOUT_MS}, at most ${MAX_TIMEOUT_MS})
  --json                  Print the report as JSON
  --verbose               Print retries and errors of HiBob calls on standard error
  -h, --help              Print this help

The token is read from the HIBOB_TOKEN environment variable, or else from the
first line of standard input; on a terminal it is prompted for without echo.
It is never accepted as an argument, because arguments are visible in process
lists and stay in shell history.

Exit status:
  0   every required permission is granted
  1   permissions are missing, or no employee is visible
  2   the check could not finish: invalid credentials, HiBob unreachable,
      timed out, rate limited, or an unexpected response from HiBob
  64  usage error`;

class UsageError extends Error {}
class InterruptedError extends Error {}

type CliOptions = {
  baseUrl: string;
  serviceUserId: string;
  categories: PermissionCategoryId[] | undefined;
  timeoutMs: number | undefined;
  json: boolean;
  verbose: boolean;
};

function parseCommandLine(argv: string[]): CliOptions | "help" {
  if (
    argv.some((argument) => argument === "--token" || argument.startsWith("--token="))
  ) {
    throw new UsageError(
      "--token is not accepted, because command-line arguments are visible in process lists and stay in shell history. Set HIBOB_TOKEN or pipe the token on standard input instead.",
    );
  }

  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "base-url": { type: "string" },
        "service-user-id": { type: "string" },
        categories: { type: "string" },
        "timeout-ms": { type: "string" },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  if (values.help) {
    return "help";
  }

  const rawBaseUrl = values["base-url"];
  if (rawBaseUrl === undefined || rawBaseUrl.trim() === "") {
    throw new UsageError("Missing --base-url.");
  }
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(rawBaseUrl.trim());
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }

  const serviceUserId = values["service-user-id"]?.trim();
  if (serviceUserId === undefined || serviceUserId === "") {
    throw new UsageError("Missing --service-user-id.");
  }

  return {
    baseUrl,
    serviceUserId,
    categories: parseCategories(values.categories),
    timeoutMs: parseTimeout(values["timeout-ms"]),
    json: values.json,
    verbose: values.verbose,
  };
}

function parseCategories(raw: string | undefined): PermissionCategoryId[] | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const ids = raw
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  if (ids.length === 0) {
    throw new UsageError(
      "Invalid --categories: the list is empty. Name at least one category.",
    );
  }
  const unknown = ids.filter((id) => !isPermissionCategoryId(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown category ${unknown.map((id) => `"${id}"`).join(", ")}. Valid categories: ${PERMISSION_CATEGORY_IDS.join(", ")}.`,
    );
  }
  return ids as PermissionCategoryId[];
}

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `Invalid --timeout-ms "${raw}": use a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`,
    );
  }
  return value;
}

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      return line;
    }
    return "";
  } finally {
    lines.close();
    process.stdin.destroy();
  }
}

/** Reads a line from the terminal in raw mode, so the typed token is not shown. */
function promptWithoutEcho(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();

  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n" || character === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (character === "\u0003") {
          finish();
          reject(new InterruptedError("Interrupted."));
          return;
        }
        if (character === "\u007f" || character === "\b") {
          value = value.slice(0, -1);
        } else {
          value += character;
        }
      }
    };
    stdin.on("data", onData);
  });
}

async function readToken(): Promise<string> {
  const fromEnvironment = process.env.HIBOB_TOKEN;
  if (fromEnvironment !== undefined) {
    const token = fromEnvironment.trim();
    if (token === "") {
      throw new UsageError("HIBOB_TOKEN is set but empty.");
    }
    return token;
  }
  const line = process.stdin.isTTY
    ? await promptWithoutEcho("HiBob service user token: ")
    : await readFirstLine();
  const token = line.trim();
  if (token === "") {
    throw new UsageError(
      "No token: set HIBOB_TOKEN or write the token as the first line of standard input.",
    );
  }
  return token;
}

function exitCodeFor(outcome: ProbeOutcome): number {
  switch (outcome) {
    case "all_granted":
      return EXIT_GRANTED;
    case "missing_permissions":
    case "no_employees_visible":
      return EXIT_MISSING;
    case "invalid_credentials":
    case "unreachable":
    case "timed_out":
    case "rate_limited":
    case "error":
      return EXIT_NOT_CHECKED;
  }
}

function listOrDash(values: readonly string[]): string {
  return values.length === 0 ? "-" : values.join(", ");
}

function formatReport(report: ProbeReport): string {
  const scope = report.accessScope;
  const scopeText =
    scope.missingLifecycleStatuses.length > 0
      ? `${scope.status} (not visible: ${scope.missingLifecycleStatuses.join(", ")})`
      : scope.status;
  const lines = [
    `Credentials:       ${report.credentials}`,
    `Outcome:           ${report.outcome}`,
    `Employees visible: ${report.employeesVisible} (active and former)`,
    `Access scope:      ${scopeText}`,
    `Duration:          ${report.durationMs} ms`,
    "",
    ...wrap(report.message, ""),
  ];

  if (report.categories.length > 0) {
    const header = ["Category", "Status", "Missing", "Unverified"];
    const rows = report.categories.map((category) => [
      category.name,
      category.status,
      listOrDash(category.missing),
      listOrDash(category.unverified),
    ]);
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
    );
    const formatRow = (cells: string[]) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd();

    lines.push(
      "",
      formatRow(header),
      formatRow(widths.map((width) => "-".repeat(width))),
    );
    report.categories.forEach((category, position) => {
      lines.push(formatRow(rows[position] ?? []));
      if (category.fix !== "") {
        lines.push(...wrap(`Fix: ${category.fix}`, "    "));
      }
    });
  }

  if (scope.fix !== "") {
    lines.push("", ...wrap(`Access scope fix: ${scope.fix}`, ""));
  }
  return `${lines.join("\n")}\n`;
}

const stderrLogger: ProbeLogger = {
  info: (details, message) => console.error(`${message} ${JSON.stringify(details)}`),
  warn: (details, message) => console.error(`${message} ${JSON.stringify(details)}`),
};

async function main(argv: string[]): Promise<number> {
  let options: CliOptions | "help";
  let token: string;
  try {
    options = parseCommandLine(argv);
    if (options === "help") {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_GRANTED;
    }
    token = await readToken();
  } catch (error) {
    if (error instanceof InterruptedError) {
      return EXIT_INTERRUPTED;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const report = await runProbe({
    baseUrl: options.baseUrl,
    serviceUserId: options.serviceUserId,
    token,
    requiredCategories: options.categories,
    timeoutMs: options.timeoutMs,
    logger: options.verbose ? stderrLogger : undefined,
  });

  process.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report),
  );
  return exitCodeFor(report.outcome);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runProbe returns every failure in its report, so only a bug in this
    // script gets here.
    console.error(`Error: the permission check failed unexpectedly: ${String(error)}`);
    process.exitCode = EXIT_NOT_CHECKED;
  },
);
