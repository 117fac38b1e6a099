// HTTP helpers shared by the simulator's routes: JSON responses, HiBob's
// `{key, error}` error bodies and request body parsing.
import type { IncomingMessage } from "node:http";

/** Max request body size. HiBob's own limit is not documented. */
const MAX_BODY_BYTES = 1024 * 1024;

export type Headers = Record<string, string>;

export type RouteResult = { status: number; body: unknown; headers?: Headers };

/** An error response in HiBob's shape: `{"key": "...", "error": "..."}`. */
export class HttpError extends Error {
  readonly status: number;
  readonly key: string;
  headers: Headers;

  constructor(status: number, key: string, message: string, headers: Headers = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.key = key;
    this.headers = headers;
  }

  toResult(): RouteResult {
    return {
      status: this.status,
      body: { key: this.key, error: this.message },
      headers: this.headers,
    };
  }
}

/** Reads the request body as JSON. An empty body returns `undefined`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(
        413,
        "request.body.tooLarge",
        `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      );
    }
    chunks.push(buffer);
  }

  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(
      400,
      "request.body.invalid",
      `The request body is not valid JSON: ${reason}`,
    );
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
