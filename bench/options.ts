// Command-line options of `npm run bench`.
import { parseArgs } from "node:util";

export const PARTS = ["probe", "dashboard", "weight", "memory"] as const;
export type Part = (typeof PARTS)[number];

export type BenchOptions = {
  parts: Part[];
  /** Writes BENCHMARKS.md and bench/results.json. */
  write: boolean;
  /** Reuses the build in NEXT_DIST_DIR instead of running `next build`. */
  skipBuild: boolean;
};

export const USAGE = `Usage: npm run bench -- [--only PART[,PART…]] [--no-write] [--skip-build]

Measures HiBob Connect on this machine and writes the figures to BENCHMARKS.md.

  --only PARTS    run only these parts, comma-separated (default: all):
                    probe      probe latency against the simulator
                    dashboard  staff dashboard with 10,000 customers
                    weight     first-load JavaScript and Largest Contentful Paint
                    memory     server memory at idle and under the dashboard load
  --no-write      print the figures without updating BENCHMARKS.md
  --skip-build    reuse the existing production build in .next-bench
  --help          print this help`;

export class UsageError extends Error {}

/** Parses the arguments, or returns "help" for --help. */
export function parseBenchOptions(argv: string[]): BenchOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        only: { type: "string", multiple: true },
        "no-write": { type: "boolean" },
        "skip-build": { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    return "help";
  }

  const requested = (values.only ?? [])
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  for (const part of requested) {
    if (!(PARTS as readonly string[]).includes(part)) {
      throw new UsageError(
        `Invalid part "${part}" in --only: expected one of ${PARTS.join(", ")}.`,
      );
    }
  }
  const parts =
    requested.length === 0
      ? [...PARTS]
      : PARTS.filter((part) => (requested as string[]).includes(part));

  return {
    parts,
    write: !values["no-write"],
    skipBuild: values["skip-build"] ?? false,
  };
}
