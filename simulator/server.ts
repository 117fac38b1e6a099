// A HiBob API simulator on node:http. It serves the routes a HiBob client
// reads under /v1, with HiBob's authentication, permissions and quirks, for
// the scenarios in scenarios.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { authenticate } from "./auth";
import { FaultInjector, TIMEOUT_HOLD_MS, faultSchema, type FaultConfig } from "./faults";
import { createCompany } from "./company";
import type { SimulatorState } from "./context";
import { isoDate } from "./dates";
import { HttpError, readJsonBody, type RouteResult } from "./http";
import { RateLimiter } from "./rate-limit";
import { matchRoute } from "./routes";

export type SimulatorOptions = {
  /** Port to listen on; 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Fixed delay in milliseconds before every response. Default 0. */
  delayMs?: number;
  /** Search requests allowed per service user per minute. Default 50, HiBob's documented limit. */
  searchRateLimitPerMinute?: number;
  /** Employees in the fake company, from 1 to 100,000. Default 36. See createCompany. */
  employeeCount?: number;
  /** Clock for "today" and the rate limit. Default: the system clock. */
  now?: () => Date;
  /** Receives one line per request and per unexpected error. Default: no logging. */
  logger?: (line: string) => void;
};

export type RunningSimulator = {
  /** For example "http://127.0.0.1:4010". */
  url: string;
  /** `${url}/v1`, the counterpart of https://api.hibob.com/v1. */
  baseUrl: string;
  /** Makes the following requests fail in the given way; `{ mode: "none" }` ends it. */
  setFault(config: FaultConfig): void;
  close(): Promise<void>;
};

const API_PREFIX = "/v1";
const CONTROL_PATH = "/__simulator/fault";

export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<RunningSimulator> {
  const host = options.host ?? "127.0.0.1";
  const delayMs = options.delayMs ?? 0;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? (() => {});
  const state: SimulatorState = {
    company: createCompany(isoDate(now()), { employeeCount: options.employeeCount }),
    now,
    searchLimiter: new RateLimiter(options.searchRateLimitPerMinute ?? 50),
  };
  const faults = new FaultInjector();

  const server = createServer((request, response) => {
    void handleRequest(request, response, {
      state,
      faults,
      delayMs,
      log,
      isClosing: () => !server.listening,
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    baseUrl: `${url}${API_PREFIX}`,
    setFault: (config) => faults.set(faultSchema.parse(config)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Requests held by the "timeout" fault would otherwise keep the server open.
        server.closeAllConnections();
      }),
  };
}

type ServerSettings = {
  state: SimulatorState;
  faults: FaultInjector;
  delayMs: number;
  /** True once close() was called, so open connections end after their response. */
  isClosing: () => boolean;
  log: (line: string) => void;
};

async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  settings: ServerSettings,
): Promise<void> {
  const startedAt = Date.now();
  const method = request.method ?? "GET";
  const path = new URL(request.url ?? "/", "http://simulator.invalid").pathname;

  if (path === CONTROL_PATH) {
    sendJson(response, await controlFaults(request, method, settings.faults));
    return;
  }

  const fault = settings.faults.take(path);
  if (fault && (await applyFault(fault, request, response))) {
    settings.log(`${method} ${path} fault:${fault.mode} ${Date.now() - startedAt}ms`);
    return;
  }

  const { result, serviceUserId } = await route(request, method, path, settings);

  if (settings.delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
  }
  if (settings.isClosing()) {
    response.setHeader("Connection", "close");
  }
  sendJson(response, result);
  settings.log(
    `${method} ${path} ${result.status} ${serviceUserId ?? "-"} ${Date.now() - startedAt}ms`,
  );
}

/** Authenticates and runs the matching route. Errors become HiBob-style error responses. */
async function route(
  request: IncomingMessage,
  method: string,
  path: string,
  settings: ServerSettings,
): Promise<{ result: RouteResult; serviceUserId?: string }> {
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
    return { result: notFound(method, path).toResult() };
  }

  const authentication = authenticate(request.headers.authorization);
  if (!authentication.ok) {
    return {
      result: {
        status: 401,
        body: { key: authentication.key, error: authentication.error },
      },
      serviceUserId: authentication.serviceUserId,
    };
  }

  const { scenario } = authentication;
  const serviceUserId = scenario.serviceUserId;
  const match = matchRoute(method, path.slice(API_PREFIX.length));
  if (match.kind === "notFound") {
    return { result: notFound(method, path).toResult(), serviceUserId };
  }
  if (match.kind === "methodNotAllowed") {
    const allowed = [...new Set(match.allowed)].join(", ");
    const error = new HttpError(
      405,
      "request.methodNotAllowed",
      `${method} is not allowed on ${path}. Use ${allowed}.`,
      { Allow: allowed },
    );
    return { result: error.toResult(), serviceUserId };
  }

  try {
    const result = await match.handle({
      scenario,
      state: settings.state,
      params: match.params,
      readBody: () => readJsonBody(request),
    });
    return { result, serviceUserId };
  } catch (error) {
    if (error instanceof HttpError) {
      return { result: error.toResult(), serviceUserId };
    }
    const reason =
      error instanceof Error ? (error.stack ?? error.message) : String(error);
    settings.log(
      `${method} ${path} failed for ${serviceUserId} with an unexpected error: ${reason}`,
    );
    const internal = new HttpError(
      500,
      "internal.error",
      "The simulator failed to handle the request.",
    );
    return { result: internal.toResult(), serviceUserId };
  }
}

/** `GET` returns the current fault, `POST` sets one. */
async function controlFaults(
  request: IncomingMessage,
  method: string,
  faults: FaultInjector,
): Promise<RouteResult> {
  if (method === "GET") {
    return { status: 200, body: faults.current() };
  }
  if (method !== "POST") {
    return new HttpError(405, "request.methodNotAllowed", "Use GET or POST.", {
      Allow: "GET, POST",
    }).toResult();
  }
  try {
    const parsed = faultSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) {
      return new HttpError(
        400,
        "fault.invalid",
        parsed.error.issues[0]?.message ?? "Invalid fault.",
      ).toResult();
    }
    faults.set(parsed.data);
    return { status: 200, body: faults.current() };
  } catch (error) {
    return error instanceof HttpError
      ? error.toResult()
      : new HttpError(400, "fault.invalid", "Invalid JSON.").toResult();
  }
}

/**
 * Answers a request the way the fault says. Returns false when the request
 * should still be served normally (a "slow" fault only delays it).
 */
async function applyFault(
  fault: FaultConfig,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  switch (fault.mode) {
    case "slow":
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 3000));
      return false;
    case "timeout":
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, TIMEOUT_HOLD_MS);
        request.socket.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
      request.socket.destroy();
      return true;
    case "server-error":
      sendJson(response, {
        status: 503,
        body: {
          key: "service.unavailable",
          error: "The service is temporarily unavailable.",
        },
      });
      return true;
    case "rate-limit-burst": {
      const retryAfter = fault.retryAfterSeconds ?? 1;
      sendJson(response, {
        status: 429,
        headers: {
          "X-RateLimit-Limit": "50",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": String(Math.ceil(Date.now() / 1000) + retryAfter),
        },
        body: { key: "rate.limit.exceeded", error: "Too many requests." },
      });
      return true;
    }
    case "drop-connection":
      request.socket.destroy();
      return true;
    case "none":
      return false;
  }
}

function notFound(method: string, path: string): HttpError {
  return new HttpError(404, "route.notFound", `No route for ${method} ${path}.`);
}

function sendJson(response: ServerResponse, result: RouteResult): void {
  const body = JSON.stringify(result.body);
  response.writeHead(result.status, {
    ...result.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}
