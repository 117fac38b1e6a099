// Part 1: wall time of a full permission probe against the simulator with a
// fixed delay on every HiBob call, for a small and a large company and for
// all categories or one. The baseline is the same probe with its HiBob calls
// forced through a mutex, one at a time, in the same run.
import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import { runProbe } from "@/lib/probe/engine";
import { findScenario } from "@/simulator/scenarios";

import { print } from "./processes";
import { startSimulatorProcess } from "./simulator-process";
import { formatMs, max, median } from "./stats";

export const PROBE_DELAY_MS = 100;
/** Target: a probe takes at most four single-call delays, whatever the categories. */
export const PROBE_TARGET_MS = 4 * PROBE_DELAY_MS;
/** HiBob's documented limit of search requests per service user per minute. */
export const SEARCH_LIMIT_PER_MINUTE = 50;

const REPETITIONS = 7;
const SINGLE_CALLS = 5;
const FIRST_PORT = 4601;

export type ProbeCase = {
  employeeCount: number;
  categories: readonly PermissionCategoryId[];
};

export const PROBE_CASES: readonly ProbeCase[] = [
  { employeeCount: 30, categories: PERMISSION_CATEGORY_IDS },
  { employeeCount: 30, categories: ["work"] },
  { employeeCount: 1000, categories: PERMISSION_CATEGORY_IDS },
  { employeeCount: 1000, categories: ["work"] },
];

/** The probes of one mode (concurrent calls or one call at a time) for one case. */
export type ProbeSeries = {
  wallMs: number[];
  /** Time with at least one HiBob call in flight, body included. */
  hibobMs: number[];
  /** Wall time minus HiBob time: the probe's own work, such as parsing and checks. */
  ownMs: number[];
  /** Duration of the slowest single HiBob call, body included. */
  slowestCallMs: number[];
  /** Size of the probe's largest HiBob response, from Content-Length. */
  largestResponseBytes: number[];
  /** Calls on the longest chain in which each call starts after the previous one ended. */
  sequentialCallsPerProbe: number[];
  callsPerProbe: number[];
  searchesPerProbe: number[];
  outcomes: string[];
  employeesVisible: number[];
  /** Responses with HTTP 429 over all probes of the series. */
  rateLimitedResponses: number;
};

export type ProbeCaseResult = ProbeCase & {
  /** Wall time of one metadata call alone, the measured single-call delay. */
  singleCallMs: number[];
  concurrent: ProbeSeries;
  serialized: ProbeSeries;
};

export type ProbeLatencyResult = {
  delayMs: number;
  repetitions: number;
  targetMs: number;
  cases: ProbeCaseResult[];
};

type CallRecord = {
  method: string;
  path: string;
  status: number;
  /** Content-Length of the response, or 0 when absent. */
  bytes: number;
  startMs: number;
  endMs: number;
};

/**
 * Wraps fetch to record every call's method, path, status and time. A call
 * ends when the caller has read its body, which passes through unbuffered.
 */
function recordingFetch(inner: typeof fetch, calls: CallRecord[]): typeof fetch {
  return async (input, init) => {
    const startMs = performance.now();
    const response = await inner(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const call: CallRecord = {
      method: init?.method ?? "GET",
      path: url.pathname,
      status: response.status,
      bytes: Number(response.headers.get("content-length") ?? 0),
      startMs,
      endMs: performance.now(),
    };
    calls.push(call);
    if (response.body === null) {
      return response;
    }
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          call.endMs = performance.now();
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** Returns the time with at least one call in flight, merging overlapping calls. */
function timeInFlight(calls: readonly CallRecord[]): number {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  let rounds = 0;
  let totalMs = 0;
  let roundStart = Number.NaN;
  let roundEnd = Number.NEGATIVE_INFINITY;
  for (const call of sorted) {
    if (call.startMs > roundEnd) {
      if (rounds > 0) {
        totalMs += roundEnd - roundStart;
      }
      rounds += 1;
      roundStart = call.startMs;
      roundEnd = call.endMs;
    } else {
      roundEnd = Math.max(roundEnd, call.endMs);
    }
  }
  if (rounds > 0) {
    totalMs += roundEnd - roundStart;
  }
  return totalMs;
}

/** Counts the calls on the longest chain in which each call starts after the previous one ended. */
function longestCallChain(calls: readonly CallRecord[]): number {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  const depths: number[] = [];
  for (const call of sorted) {
    let deepestBefore = 0;
    sorted.forEach((earlier, position) => {
      if (position < depths.length && earlier.endMs <= call.startMs) {
        deepestBefore = Math.max(deepestBefore, depths[position] ?? 0);
      }
    });
    depths.push(deepestBefore + 1);
  }
  return Math.max(0, ...depths);
}

/**
 * Wraps fetch so that one call runs at a time: each call waits until the
 * previous response's body has been read in full.
 */
export function serializingFetch(inner: typeof fetch): typeof fetch {
  let queue: Promise<void> = Promise.resolve();
  return async (input, init) => {
    const previous = queue;
    let release: () => void = () => {};
    queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      const response = await inner(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } finally {
      release();
    }
  };
}

function emptySeries(): ProbeSeries {
  return {
    wallMs: [],
    hibobMs: [],
    ownMs: [],
    slowestCallMs: [],
    largestResponseBytes: [],
    sequentialCallsPerProbe: [],
    callsPerProbe: [],
    searchesPerProbe: [],
    outcomes: [],
    employeesVisible: [],
    rateLimitedResponses: 0,
  };
}

async function measureProbe(
  baseUrl: string,
  probeCase: ProbeCase,
  serialized: boolean,
  series: ProbeSeries | undefined,
): Promise<void> {
  const scenario = findScenario("full-access");
  if (scenario === undefined) {
    throw new Error('The simulator has no "full-access" scenario.');
  }

  const calls: CallRecord[] = [];
  const counted = recordingFetch(globalThis.fetch, calls);
  const startedAt = performance.now();
  const report = await runProbe({
    baseUrl,
    serviceUserId: scenario.serviceUserId,
    token: scenario.token,
    requiredCategories: probeCase.categories,
    fetch: serialized ? serializingFetch(counted) : counted,
  });
  const wallMs = performance.now() - startedAt;
  if (series === undefined) {
    return;
  }

  const totalMs = timeInFlight(calls);
  series.wallMs.push(wallMs);
  series.hibobMs.push(totalMs);
  series.ownMs.push(wallMs - totalMs);
  series.slowestCallMs.push(Math.max(...calls.map((call) => call.endMs - call.startMs)));
  series.largestResponseBytes.push(Math.max(...calls.map((call) => call.bytes)));
  series.sequentialCallsPerProbe.push(longestCallChain(calls));

  series.callsPerProbe.push(calls.length);
  series.searchesPerProbe.push(
    calls.filter((call) => call.method === "POST" && call.path.endsWith("/people/search"))
      .length,
  );
  series.outcomes.push(report.outcome);
  series.employeesVisible.push(report.employeesVisible);
  series.rateLimitedResponses += calls.filter((call) => call.status === 429).length;
}

async function measureSingleCall(baseUrl: string): Promise<number> {
  const scenario = findScenario("full-access");
  const credentials = Buffer.from(
    `${scenario?.serviceUserId}:${scenario?.token}`,
  ).toString("base64");
  const startedAt = performance.now();
  const response = await fetch(`${baseUrl}/company/people/fields`, {
    headers: { Authorization: `Basic ${credentials}`, Accept: "application/json" },
  });
  await response.arrayBuffer();
  if (!response.ok) {
    throw new Error(`The simulator's metadata call failed with HTTP ${response.status}.`);
  }
  return performance.now() - startedAt;
}

/**
 * Measures every case on a fresh simulator process, alternating concurrent
 * and serialized probes so that drift on the machine affects both alike.
 * Each simulator serves 2 + 2 × 2 × REPETITIONS searches, within HiBob's 50
 * a minute for one service user.
 */
export async function runProbeLatency(): Promise<ProbeLatencyResult> {
  const cases: ProbeCaseResult[] = [];
  for (const [index, probeCase] of PROBE_CASES.entries()) {
    const simulator = await startSimulatorProcess({
      name: `simulator-probe-${index + 1}`,
      port: FIRST_PORT + index,
      delayMs: PROBE_DELAY_MS,
      employeeCount: probeCase.employeeCount,
    });
    try {
      const singleCallMs: number[] = [];
      for (let call = 0; call < SINGLE_CALLS; call += 1) {
        singleCallMs.push(await measureSingleCall(simulator.baseUrl));
      }
      // An uncounted warm-up probe loads code paths and opens connections.
      await measureProbe(simulator.baseUrl, probeCase, false, undefined);

      const concurrent = emptySeries();
      const serialized = emptySeries();
      for (let repetition = 0; repetition < REPETITIONS; repetition += 1) {
        await measureProbe(simulator.baseUrl, probeCase, false, concurrent);
        await measureProbe(simulator.baseUrl, probeCase, true, serialized);
      }
      const result: ProbeCaseResult = {
        ...probeCase,
        singleCallMs,
        concurrent,
        serialized,
      };
      cases.push(result);
      print(
        `  ${describeProbeCase(probeCase)}: median ${formatMs(median(concurrent.wallMs))}, ` +
          `max ${formatMs(max(concurrent.wallMs))}, ${concurrent.sequentialCallsPerProbe[0] ?? "?"} calls in sequence, ` +
          `${concurrent.searchesPerProbe[0] ?? "?"} searches; one call at a time: median ` +
          `${formatMs(median(serialized.wallMs))}`,
      );
    } finally {
      await simulator.stop();
    }
  }
  return {
    delayMs: PROBE_DELAY_MS,
    repetitions: REPETITIONS,
    targetMs: PROBE_TARGET_MS,
    cases,
  };
}

export function describeProbeCase(probeCase: ProbeCase): string {
  const categories =
    probeCase.categories.length === PERMISSION_CATEGORY_IDS.length
      ? `all ${PERMISSION_CATEGORY_IDS.length} categories`
      : `${probeCase.categories.length} category (${probeCase.categories.join(", ")})`;
  return `${probeCase.employeeCount.toLocaleString("en-US")} employees, ${categories}`;
}
