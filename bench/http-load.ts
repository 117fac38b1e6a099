// HTTP measurements against the running app: sequential requests for the
// time one request takes on an idle server, and autocannon with concurrent
// connections for the latency under load.
import autocannon from "autocannon";

import { median, percentile } from "./stats";

export type LatencySummary = {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Responses outside 200 to 299, plus connection errors and timeouts. */
  failures: number;
  requestsPerSecond: number;
};

/** Sends `count` requests one after another and returns their times (headers and body). */
export async function timeSequentialRequests(
  url: string,
  cookie: string | undefined,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const startedAt = performance.now();
    const response = await fetch(url, {
      headers: cookie ? { Cookie: cookie } : {},
      redirect: "manual",
    });
    await response.arrayBuffer();
    times.push(performance.now() - startedAt);
    if (response.status !== 200) {
      throw new Error(`GET ${url} returned HTTP ${response.status}, expected 200.`);
    }
  }
  return times;
}

/**
 * Runs autocannon for `durationSeconds` with `connections` concurrent
 * connections. Latencies come from every response, so the p95 is exact
 * instead of read from autocannon's fixed percentiles (which skip p95).
 */
export async function runLoad(options: {
  url: string;
  cookie?: string;
  connections: number;
  durationSeconds: number;
}): Promise<LatencySummary> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  instance.on(
    "response",
    (_client: unknown, _statusCode: number, _bytes: number, responseTimeMs: number) => {
      latencies.push(responseTimeMs);
    },
  );
  const result = await instance;
  return {
    requests: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    failures: result.non2xx + result.errors + result.timeouts,
    requestsPerSecond: latencies.length / result.duration,
  };
}

export function summarizeTimes(times: readonly number[]): {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
} {
  return {
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
  };
}
