// Typed failures of calls to HiBob's API. Messages name the request and the
// HTTP status but never contain the Authorization header or the token.

export type HibobErrorKind =
  | "invalid_credentials"
  | "forbidden"
  | "rate_limited"
  | "not_found"
  | "unreachable"
  | "timed_out"
  | "unexpected_response";

/** Request that failed, as "METHOD /path" relative to the API base URL. */
export type HibobRequestLabel = string;

export abstract class HibobError extends Error {
  abstract readonly kind: HibobErrorKind;
  readonly request: HibobRequestLabel;
  /** HTTP status, when HiBob responded at all. */
  readonly status: number | undefined;

  constructor(
    message: string,
    request: HibobRequestLabel,
    status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.request = request;
    this.status = status;
  }
}

/** HTTP 401: HiBob rejected the service user ID or token. Never retried. */
export class HibobInvalidCredentialsError extends HibobError {
  readonly kind = "invalid_credentials";
}

/** HTTP 403: the credentials are valid but lack a permission. Never retried. */
export class HibobForbiddenError extends HibobError {
  readonly kind = "forbidden";
}

/** HTTP 404: the path or the employee does not exist. */
export class HibobNotFoundError extends HibobError {
  readonly kind = "not_found";
}

/** HTTP 429 that was still returned after the allowed retries. */
export class HibobRateLimitError extends HibobError {
  readonly kind = "rate_limited";
  /** Reset time of the rate limit from HiBob's headers, when present. */
  readonly resetAt: Date | undefined;

  constructor(
    message: string,
    request: HibobRequestLabel,
    resetAt: Date | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, request, 429, options);
    this.resetAt = resetAt;
  }
}

/** No connection: DNS failure, connection refused or reset. */
export class HibobUnreachableError extends HibobError {
  readonly kind = "unreachable";
  /** Node.js system error code, such as ECONNREFUSED, when known. */
  readonly code: string | undefined;

  constructor(
    message: string,
    request: HibobRequestLabel,
    code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, request, undefined, options);
    this.code = code;
  }
}

/** The call or the whole probe ran out of time. */
export class HibobTimeoutError extends HibobError {
  readonly kind = "timed_out";
  readonly timeoutMs: number;

  constructor(message: string, request: HibobRequestLabel, timeoutMs: number) {
    super(message, request);
    this.timeoutMs = timeoutMs;
  }
}

/** A 5xx, another unexpected status, a redirect, or a body that is not the expected JSON. */
export class HibobUnexpectedResponseError extends HibobError {
  readonly kind = "unexpected_response";
}

export function isHibobError(error: unknown): error is HibobError {
  return error instanceof HibobError;
}
