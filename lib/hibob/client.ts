// HTTP client for the parts of HiBob's public API that the permission probe
// reads. Used by the web app and the CLI, so it imports no server-only code.
//
// Retry policy:
// - 401 and 403 are never retried, because HiBob's firewall blocks callers
//   after repeated failed authentication or permission responses (HiBob's
//   rate-limit page documents the rule; third-party summaries give about 50
//   responses in 10 s).
// - 429 is retried at most twice, after the wait that HiBob's headers name,
//   and never when the wait would pass the caller's deadline.
// - A connection reset and HTTP 502, 503 or 504 are retried once after a short
//   pause. Every call the probe makes is a read, so a repeat changes nothing,
//   and these failures are usually a proxy or a pooled connection going away.
//   Timeouts, refused connections, DNS failures and other statuses are not
//   retried, because a second try would most likely fail the same way and
//   only make the HR admin wait longer.
import {
  HibobError,
  HibobForbiddenError,
  HibobInvalidCredentialsError,
  HibobNotFoundError,
  HibobRateLimitError,
  HibobTimeoutError,
  HibobUnexpectedResponseError,
  HibobUnreachableError,
} from "./errors";

export const DEFAULT_TIMEOUT_MS = 10_000;
/** HiBob rejects a search that names more than 400 fields. */
export const MAX_SEARCH_FIELDS = 400;
export const MAX_RATE_LIMIT_RETRIES = 2;
/** A rate-limit wait longer than this is not worth making the caller sit through. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

const FIRST_BACKOFF_MS = 1_000;
const TRANSIENT_RETRY_DELAY_MS = 500;
/** Minimum time left for a retried call, so that a retry is not doomed to time out. */
const MIN_CALL_BUDGET_MS = 1_000;
const MAX_DETAIL_LENGTH = 200;
const TRANSIENT_STATUSES = new Set([502, 503, 504]);
const CONNECTION_RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

/** Field metadata from `GET /company/people/fields`. */
export type FieldMetadata = {
  /** Dot-notation field id, such as `work.title`. Stable when the field moves. */
  id: string;
  /** HiBob's id of the field's current category, such as `work` or `category_1700000000000`. */
  categoryId: string | null;
  /** The current category's name as HiBob's UI shows it. */
  categoryDisplayName: string | null;
  name: string | null;
  /** Path of the value in nested employee objects, such as `firstName` for `root.firstName`. */
  jsonPath: string | null;
  type: string | null;
  historical: boolean;
};

/** One employee object from a search: slash-notation keys and nested category objects. */
export type EmployeeRecord = Record<string, unknown>;

export type EmployeeTable = "work" | "employment" | "lifecycle";

/** One row of an employee table, such as a work history entry. */
export type TableRow = Record<string, unknown>;

export type PeopleSearchRequest = {
  /** Dot-notation field ids from field metadata, at most 400. */
  fields: string[];
  /** HiBob's default is false: active employees only. */
  showInactive: boolean;
  filters?: [
    { fieldPath: "root.id" | "root.email"; operator: "equals"; values: string[] },
  ];
  humanReadable?: "APPEND" | "REPLACE";
};

export type RetryEvent = {
  request: string;
  reason: "rate_limited" | "connection_reset" | "server_error";
  status: number | undefined;
  /** 1 for the first retry of this call. */
  retry: number;
  delayMs: number;
};

export type HibobClientOptions = {
  /** API base URL including the version, such as `https://api.hibob.com/v1`. */
  baseUrl: string;
  serviceUserId: string;
  token: string;
  /** Timeout of each HTTP call in milliseconds, including reading the body. */
  timeoutMs?: number;
  /** Epoch milliseconds after which no call or retry starts. Calls are cut short to end by then. */
  deadline?: number;
  fetch?: typeof fetch;
  /** Clock in epoch milliseconds, which X-RateLimit-Reset is compared with. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (event: RetryEvent) => void;
};

type RawResponse = { status: number; headers: Headers; text: string };

/** Parses and checks a base URL, and returns it without a trailing slash. */
export function normalizeBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`Invalid HiBob base URL "${value}": it is not an absolute URL.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new TypeError(
      "Invalid HiBob base URL: it must not contain a user name or password.",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`Invalid HiBob base URL "${value}": use http or https.`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new TypeError(
      `Invalid HiBob base URL "${value}": remove the query string and fragment.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class HibobClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #authorization: string;
  readonly #secrets: string[];
  readonly #deadline: number | undefined;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(options: HibobClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new RangeError(
        `Invalid timeout ${this.timeoutMs} ms: use a positive number.`,
      );
    }
    const encoded = Buffer.from(
      `${options.serviceUserId}:${options.token}`,
      "utf8",
    ).toString("base64");
    this.#authorization = `Basic ${encoded}`;
    this.#secrets = [options.token, encoded].filter((secret) => secret.length >= 4);
    this.#deadline = options.deadline;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#onRetry = options.onRetry;
  }

  /** Reads the metadata of every employee field. Needs no permission in HiBob. */
  async getPeopleFields(): Promise<FieldMetadata[]> {
    const label = "GET /company/people/fields";
    const body = await this.#requestJson("GET", "/company/people/fields", undefined);
    if (!Array.isArray(body)) {
      throw this.#unexpected(label, "the field list is not a JSON array");
    }
    return body.filter(isRecord).flatMap((item) => {
      const field = toFieldMetadata(item);
      return field ? [field] : [];
    });
  }

  /** Searches employees. Fields without permission are silently missing from the result. */
  async searchPeople(request: PeopleSearchRequest): Promise<EmployeeRecord[]> {
    if (request.fields.length > MAX_SEARCH_FIELDS) {
      throw new RangeError(
        `A HiBob search accepts at most ${MAX_SEARCH_FIELDS} fields, but ${request.fields.length} were requested.`,
      );
    }
    const label = "POST /people/search";
    const body = await this.#requestJson("POST", "/people/search", request);
    if (!isRecord(body) || !Array.isArray(body.employees)) {
      throw this.#unexpected(label, 'the body has no "employees" array');
    }
    return body.employees.filter(isRecord);
  }

  /** Reads the rows of one employee's work, employment or lifecycle table. */
  async getEmployeeTable(employeeId: string, table: EmployeeTable): Promise<TableRow[]> {
    const path = `/people/${encodeURIComponent(employeeId)}/${table}`;
    const body = await this.#requestJson("GET", path, undefined);
    if (!isRecord(body) || !Array.isArray(body.values)) {
      throw this.#unexpected(`GET ${path}`, 'the body has no "values" array');
    }
    return body.values.filter(isRecord);
  }

  async #requestJson(
    method: "GET" | "POST",
    path: string,
    body: unknown,
  ): Promise<unknown> {
    const label = `${method} ${path}`;
    let rateLimitRetries = 0;
    let transientRetries = 0;

    for (;;) {
      let response: RawResponse;
      try {
        response = await this.#send(method, path, body, label);
      } catch (error) {
        if (
          error instanceof HibobUnreachableError &&
          error.code !== undefined &&
          CONNECTION_RESET_CODES.has(error.code) &&
          transientRetries === 0 &&
          this.#canWait(TRANSIENT_RETRY_DELAY_MS)
        ) {
          transientRetries += 1;
          await this.#retryAfter(
            label,
            "connection_reset",
            undefined,
            1,
            TRANSIENT_RETRY_DELAY_MS,
          );
          continue;
        }
        throw error;
      }

      if (response.status === 429) {
        const resetAt = parseRateLimitReset(response.headers, this.#now());
        const delayMs = rateLimitDelay(response.headers, rateLimitRetries, this.#now());
        if (
          rateLimitRetries < MAX_RATE_LIMIT_RETRIES &&
          delayMs <= MAX_RATE_LIMIT_WAIT_MS &&
          this.#canWait(delayMs)
        ) {
          rateLimitRetries += 1;
          await this.#retryAfter(label, "rate_limited", 429, rateLimitRetries, delayMs);
          continue;
        }
        const retried =
          rateLimitRetries === 0 ? "" : ` after ${rateLimitRetries} retries`;
        throw new HibobRateLimitError(
          this.#redact(`HiBob rate limit reached for ${label} (HTTP 429)${retried}.`),
          label,
          resetAt,
        );
      }

      if (
        TRANSIENT_STATUSES.has(response.status) &&
        transientRetries === 0 &&
        this.#canWait(TRANSIENT_RETRY_DELAY_MS)
      ) {
        transientRetries += 1;
        await this.#retryAfter(
          label,
          "server_error",
          response.status,
          1,
          TRANSIENT_RETRY_DELAY_MS,
        );
        continue;
      }

      return this.#parse(response, label);
    }
  }

  async #send(
    method: "GET" | "POST",
    path: string,
    body: unknown,
    label: string,
  ): Promise<RawResponse> {
    const timeoutMs = this.#callTimeout(label);
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: this.#authorization,
    };
    // Only requests with a body get Content-Type, because some HiBob GET
    // routes respond 400 when it is present.
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    try {
      const response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would carry the Authorization header to an address that is
        // not configured, so it is reported as an unexpected response instead.
        redirect: "manual",
        cache: "no-store",
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The timeout signal also covers reading the body.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      throw this.#classifyNetworkError(error, label, timeoutMs);
    }
  }

  /** Returns this call's timeout: the configured one, cut short by the deadline. */
  #callTimeout(label: string): number {
    if (this.#deadline === undefined) {
      return this.timeoutMs;
    }
    const remaining = this.#deadline - this.#now();
    if (remaining <= 0) {
      throw new HibobTimeoutError(
        `The time allowed for the HiBob check ran out before ${label} could start.`,
        label,
        this.timeoutMs,
      );
    }
    return Math.min(this.timeoutMs, Math.ceil(remaining));
  }

  #canWait(delayMs: number): boolean {
    if (this.#deadline === undefined) {
      return true;
    }
    return this.#now() + delayMs + MIN_CALL_BUDGET_MS <= this.#deadline;
  }

  async #retryAfter(
    label: string,
    reason: RetryEvent["reason"],
    status: number | undefined,
    retry: number,
    delayMs: number,
  ): Promise<void> {
    this.#onRetry?.({ request: label, reason, status, retry, delayMs });
    await this.#sleep(delayMs);
  }

  #classifyNetworkError(error: unknown, label: string, timeoutMs: number): HibobError {
    const name =
      error instanceof Error || error instanceof DOMException ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return new HibobTimeoutError(
        `HiBob did not respond to ${label} within ${timeoutMs} ms.`,
        label,
        timeoutMs,
      );
    }
    const code = systemErrorCode(error);
    const because = code === undefined ? "" : ` (${code})`;
    return new HibobUnreachableError(
      this.#redact(`Could not connect to HiBob for ${label}${because}.`),
      label,
      code,
      { cause: error },
    );
  }

  #parse(response: RawResponse, label: string): unknown {
    const { status, headers, text } = response;
    // Only error responses are parsed for their message: a large search would
    // otherwise be parsed twice.
    const detail = status >= 200 && status < 300 ? "" : this.#errorDetail(text);

    if (status >= 300 && status < 400) {
      return this.#fail(
        new HibobUnexpectedResponseError(
          `HiBob responded to ${label} with a redirect (HTTP ${status}). Check the API base URL.`,
          label,
          status,
        ),
      );
    }
    if (status === 401) {
      return this.#fail(
        new HibobInvalidCredentialsError(
          `HiBob rejected the service user credentials for ${label} (HTTP 401)${detail}.`,
          label,
          status,
        ),
      );
    }
    if (status === 403) {
      return this.#fail(
        new HibobForbiddenError(
          `HiBob denied ${label} for lack of permission (HTTP 403)${detail}.`,
          label,
          status,
        ),
      );
    }
    if (status === 404) {
      return this.#fail(
        new HibobNotFoundError(
          `HiBob returned not found for ${label} (HTTP 404)${detail}.`,
          label,
          status,
        ),
      );
    }
    if (status < 200 || status >= 300) {
      return this.#fail(
        new HibobUnexpectedResponseError(
          `HiBob responded to ${label} with HTTP ${status}${detail}.`,
          label,
          status,
        ),
      );
    }

    const contentType = headers.get("content-type") ?? "";
    if (contentType !== "" && !/\bjson\b/i.test(contentType)) {
      const kind = /html/i.test(contentType) ? "an HTML page" : `"${contentType}"`;
      return this.#fail(
        this.#unexpected(label, `it returned ${kind} instead of JSON`, status),
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const what = text.trimStart().startsWith("<")
        ? "an HTML page"
        : "a body that is not JSON";
      return this.#fail(this.#unexpected(label, `it returned ${what}`, status));
    }
  }

  /** Returns HiBob's error text from a `{key, error}` body, prefixed for a message. */
  #errorDetail(text: string): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return "";
    }
    if (!isRecord(parsed)) {
      return "";
    }
    const message = [parsed.error, parsed.message].find(
      (value): value is string => typeof value === "string" && value.trim() !== "",
    );
    if (message === undefined) {
      return "";
    }
    const cleaned = message.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
    const short =
      cleaned.length > MAX_DETAIL_LENGTH
        ? `${cleaned.slice(0, MAX_DETAIL_LENGTH)}…`
        : cleaned;
    return `: ${short}`;
  }

  #unexpected(
    label: string,
    problem: string,
    status?: number,
  ): HibobUnexpectedResponseError {
    return new HibobUnexpectedResponseError(
      `HiBob's response to ${label} is invalid: ${problem}.`,
      label,
      status,
    );
  }

  /** Throws the error after removing any secret from its message. */
  #fail(error: HibobError): never {
    const safe = this.#redact(error.message);
    if (safe !== error.message) {
      error.message = safe;
    }
    throw error;
  }

  /** Replaces the token and the encoded credentials wherever they appear. */
  #redact(text: string): string {
    return this.#secrets.reduce(
      (result, secret) => result.split(secret).join("[redacted]"),
      text,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function toFieldMetadata(item: Record<string, unknown>): FieldMetadata | null {
  const id = optionalString(item.id);
  if (id === null) {
    return null;
  }
  return {
    id,
    categoryId: optionalString(item.categoryId) ?? optionalString(item.category),
    categoryDisplayName: optionalString(item.categoryDisplayName),
    name: optionalString(item.name),
    jsonPath: optionalString(item.jsonPath),
    type: optionalString(item.type),
    historical: item.historical === true,
  };
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; isErrorLike(current) && depth < 4; depth += 1) {
    if (typeof current.code === "string") {
      return current.code;
    }
    current = current.cause;
  }
  return undefined;
}

function isErrorLike(value: unknown): value is { code?: unknown; cause?: unknown } {
  return typeof value === "object" && value !== null;
}

/**
 * Reads X-RateLimit-Reset. HiBob sends epoch seconds; a value too small to be
 * an epoch time is read as seconds from now, which some proxies send instead.
 */
function parseRateLimitReset(headers: Headers, nowMs: number): Date | undefined {
  const raw = headers.get("x-ratelimit-reset");
  if (raw === null || !/^\d+(\.\d+)?$/.test(raw.trim())) {
    return undefined;
  }
  const seconds = Number(raw);
  const epochMs = seconds >= 1_000_000_000 ? seconds * 1000 : nowMs + seconds * 1000;
  return new Date(epochMs);
}

/** Parses Retry-After as delay seconds or an HTTP date; returns milliseconds from now. */
function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const raw = headers.get("retry-after")?.trim();
  if (raw === undefined || raw === "") {
    return undefined;
  }
  if (/^\d+$/.test(raw)) {
    return Number(raw) * 1000;
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : date - nowMs;
}

/**
 * Returns how long to wait before retrying a 429: until X-RateLimit-Reset,
 * else Retry-After, else 1 s doubled on each retry.
 */
function rateLimitDelay(headers: Headers, retriesSoFar: number, nowMs: number): number {
  const resetAt = parseRateLimitReset(headers, nowMs);
  const fromHeaders =
    resetAt === undefined ? parseRetryAfter(headers, nowMs) : resetAt.getTime() - nowMs;
  if (fromHeaders !== undefined) {
    // A reset time already passed (clock skew, or the window just rolled
    // over) still gets a short pause.
    return Math.max(Math.ceil(fromHeaders), 100);
  }
  return FIRST_BACKOFF_MS * 2 ** retriesSoFar;
}
