// The figures of the latest run of each part, kept in bench/results.json so
// that `--only` can refresh one part and BENCHMARKS.md still shows them all.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import * as prettier from "prettier";

import type { DashboardResult } from "./dashboard";
import type { PageLoadSeries } from "./lcp";
import type { MachineInfo } from "./machine";
import type { MemoryReading } from "./memory";
import type { FirstLoadJs } from "./page-weight";
import type { ProbeLatencyResult } from "./probe-latency";

export const RESULTS_FILE = path.resolve("bench/results.json");

/** A part's figures with the run that produced them. */
export type Recorded<T> = { machine: MachineInfo; command: string; result: T };

export type PageWeightResult = {
  firstLoad: FirstLoadJs;
  browserVersion: string;
  /** Page loads in Chromium: the baseline page first, then the wizard. */
  series: PageLoadSeries[];
};

export type MemoryResult = {
  idle: MemoryReading;
  /** Highest VmRSS sampled every 100 ms during the dashboard load. */
  loadPeakRssBytes: number;
  loadSamples: number;
  /** Reading at the end of the load. Its VmHWM is the peak since the server started. */
  afterLoad: MemoryReading;
  /** Load targets run while sampling, for example "GET /staff". */
  loadTargets: string[];
  loadSeconds: number;
};

export type StoredResults = {
  /** Wall time of the last run of every part, build included. */
  fullRunSeconds?: number;
  probe?: Recorded<ProbeLatencyResult>;
  dashboard?: Recorded<DashboardResult>;
  weight?: Recorded<PageWeightResult>;
  memory?: Recorded<MemoryResult>;
};

export function loadStoredResults(): StoredResults {
  if (!existsSync(RESULTS_FILE)) {
    return {};
  }
  return JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as StoredResults;
}

/** Writes bench/results.json, formatted with the project's Prettier settings. */
export async function saveStoredResults(results: StoredResults): Promise<void> {
  const config = (await prettier.resolveConfig(RESULTS_FILE)) ?? {};
  const text = await prettier.format(JSON.stringify(results), {
    ...config,
    filepath: RESULTS_FILE,
  });
  writeFileSync(RESULTS_FILE, text);
}
