// The HiBob client with hand-built HTTP responses from an injected fetch,
// except the refused-connection case, which uses a closed loopback port.
import { createServer } from "node:net";

import { describe, expect, test } from "vitest";

import {
  HibobClient,
  MAX_SEARCH_FIELDS,
  type HibobClientOptions,
} from "@/lib/hibob/client";
import {
  HibobError,
  HibobForbiddenError,
  HibobInvalidCredentialsError,
  HibobNotFoundError,
  HibobRateLimitError,
  HibobTimeoutError,
  HibobUnexpectedResponseError,
  HibobUnreachableError,
} from "@/lib/hibob/errors";

const BASE_URL = "http://127.0.0.1:9/v1";
const SERVICE_USER_ID = "SERVICE-UNIT01";
const TOKEN = "unit-test-token-5b1e0c9d7a";
const ENCODED = Buffer.from(`${SERVICE_USER_ID}:${TOKEN}`).toString("base64");

type Call = { url: string; method: string; headers: Headers; body: string | undefined };

type Responder = (
  call: Call,
  init: RequestInit | undefined,
) => Response | Promise<Response>;

/** Returns a fetch that records calls and responds with the responders in turn; the last repeats. */
function fakeFetch(...responders: Responder[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : undefined,
    };
    calls.push(call);
    const responder = responders[Math.min(calls.length - 1, responders.length - 1)];
    if (responder === undefined) {
      throw new Error("fakeFetch needs at least one responder");
    }
    return responder(call, init);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

function json(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Responder {
  return () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
}

/** Fake clock and sleep that advance together, so waits take no real time. */
function fakeClock(startMs: number) {
  let current = startMs;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      current += ms;
    },
    sleeps,
  };
}

function client(
  options: Partial<HibobClientOptions> & Pick<HibobClientOptions, "fetch">,
) {
  return new HibobClient({
    baseUrl: BASE_URL,
    serviceUserId: SERVICE_USER_ID,
    token: TOKEN,
    ...options,
  });
}

async function captureError(promise: Promise<unknown>): Promise<HibobError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HibobError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}

function expectNoSecret(error: Error) {
  const text = `${error.message} ${String(error.stack)} ${JSON.stringify(error)}`;
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(ENCODED);
}

describe("HibobClient requests", () => {
  test("GET sends Basic auth and Accept only", async () => {
    const fake = fakeFetch(json([]));
    await client({ fetch: fake.fetch }).getPeopleFields();

    const call = fake.calls[0];
    expect(call?.url).toBe("http://127.0.0.1:9/v1/company/people/fields");
    expect(call?.method).toBe("GET");
    expect(call?.headers.get("authorization")).toBe(`Basic ${ENCODED}`);
    expect(call?.headers.get("accept")).toBe("application/json");
    expect(call?.headers.get("content-type")).toBeNull();
  });

  test("POST sends a JSON body", async () => {
    const fake = fakeFetch(json({ employees: [{ id: "1" }] }));
    const employees = await client({ fetch: fake.fetch }).searchPeople({
      fields: ["root.id"],
      showInactive: true,
    });

    expect(employees).toEqual([{ id: "1" }]);
    expect(fake.calls[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(fake.calls[0]?.body ?? "")).toEqual({
      fields: ["root.id"],
      showInactive: true,
    });
  });

  test("employee id is escaped in table paths", async () => {
    const fake = fakeFetch(json({ values: [] }));
    await client({ fetch: fake.fetch }).getEmployeeTable("a/b c", "work");
    expect(fake.calls[0]?.url).toBe("http://127.0.0.1:9/v1/people/a%2Fb%20c/work");
  });

  test("every call carries a timeout signal", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const fake = fakeFetch((_call, init) => {
      signals.push(init?.signal);
      return new Response("[]", { headers: { "content-type": "application/json" } });
    });
    await client({ fetch: fake.fetch }).getPeopleFields();
    expect(signals[0]).toBeInstanceOf(AbortSignal);
  });

  test("redirects are not followed", async () => {
    const seen: (RequestRedirect | undefined)[] = [];
    const fake = fakeFetch((_call, init) => {
      seen.push(init?.redirect);
      return new Response(null, {
        status: 302,
        headers: { location: "https://example.test/" },
      });
    });
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(seen).toEqual(["manual"]);
    expect(error).toBeInstanceOf(HibobUnexpectedResponseError);
    expect(error.status).toBe(302);
  });

  test("more than 400 fields is rejected before sending", async () => {
    const fake = fakeFetch(json({ employees: [] }));
    const fields = Array.from({ length: MAX_SEARCH_FIELDS + 1 }, (_, i) => `work.f${i}`);
    await expect(
      client({ fetch: fake.fetch }).searchPeople({ fields, showInactive: true }),
    ).rejects.toThrow(RangeError);
    expect(fake.calls).toHaveLength(0);
  });

  test("invalid base URLs are rejected", () => {
    const { fetch } = fakeFetch(json([]));
    expect(() => client({ fetch, baseUrl: "not a url" })).toThrow(TypeError);
    expect(() => client({ fetch, baseUrl: "ftp://127.0.0.1/v1" })).toThrow(
      /http or https/,
    );
    expect(() => client({ fetch, baseUrl: "http://user:pw@127.0.0.1/v1" })).toThrow(
      /user name or password/,
    );
    expect(client({ fetch, baseUrl: "http://127.0.0.1:9/v1//" }).baseUrl).toBe(
      "http://127.0.0.1:9/v1",
    );
  });

  test("metadata fields are normalised", async () => {
    const fake = fakeFetch(
      json([
        {
          id: "root.email",
          categoryId: "root",
          categoryDisplayName: "Basic info",
          name: "Email",
        },
        { name: "no id" },
        "not an object",
      ]),
    );
    const fields = await client({ fetch: fake.fetch }).getPeopleFields();
    expect(fields).toEqual([
      {
        id: "root.email",
        categoryId: "root",
        categoryDisplayName: "Basic info",
        name: "Email",
        jsonPath: null,
        type: null,
        historical: false,
      },
    ]);
  });
});

describe("HibobClient errors", () => {
  test("401 is not retried", async () => {
    const fake = fakeFetch(json({ key: "auth", error: "Unauthorized" }, 401));
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error).toBeInstanceOf(HibobInvalidCredentialsError);
    expect(error.status).toBe(401);
    expect(fake.calls).toHaveLength(1);
    expectNoSecret(error);
    expect(error.message).not.toContain("Basic ");
  });

  test("403 is not retried", async () => {
    const fake = fakeFetch(json({ key: "forbidden", error: "No permission" }, 403));
    const error = await captureError(
      client({ fetch: fake.fetch }).getEmployeeTable("1", "lifecycle"),
    );
    expect(error).toBeInstanceOf(HibobForbiddenError);
    expect(error.request).toBe("GET /people/1/lifecycle");
    expect(fake.calls).toHaveLength(1);
  });

  test("404 is reported as not found", async () => {
    const fake = fakeFetch(json({ key: "x", error: "Not found" }, 404));
    const error = await captureError(
      client({ fetch: fake.fetch }).getEmployeeTable("9", "work"),
    );
    expect(error).toBeInstanceOf(HibobNotFoundError);
  });

  test("HiBob's error text is kept and secrets are removed", async () => {
    const fake = fakeFetch(
      json({ key: "auth", error: `bad header Basic ${ENCODED} ${TOKEN}` }, 401),
    );
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error.message).toContain("bad header");
    expect(error.message).toContain("[redacted]");
    expectNoSecret(error);
  });

  test("HTML page with status 200 is unexpected", async () => {
    const fake = fakeFetch(
      () =>
        new Response("<!doctype html><html></html>", {
          headers: { "content-type": "text/html" },
        }),
    );
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error).toBeInstanceOf(HibobUnexpectedResponseError);
    expect(error.message).toContain("HTML page");
  });

  test("HTML without content type is unexpected", async () => {
    const fake = fakeFetch(() => new Response("<html>login</html>"));
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error).toBeInstanceOf(HibobUnexpectedResponseError);
  });

  test("JSON of the wrong shape is unexpected", async () => {
    const fake = fakeFetch(json({ people: [] }));
    const error = await captureError(
      client({ fetch: fake.fetch }).searchPeople({ fields: [], showInactive: false }),
    );
    expect(error).toBeInstanceOf(HibobUnexpectedResponseError);
    expect(error.message).toContain('"employees"');
  });

  test("500 is not retried", async () => {
    const fake = fakeFetch(json({ error: "boom" }, 500));
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error).toBeInstanceOf(HibobUnexpectedResponseError);
    expect(error.status).toBe(500);
    expect(fake.calls).toHaveLength(1);
  });

  test("503 is retried once", async () => {
    const clock = fakeClock(1_700_000_000_000);
    const fake = fakeFetch(json({}, 503), json([]));
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
    }).getPeopleFields();
    expect(fake.calls).toHaveLength(2);
  });

  test("503 twice fails after one retry", async () => {
    const clock = fakeClock(1_700_000_000_000);
    const fake = fakeFetch(json({}, 503));
    const error = await captureError(
      client({ fetch: fake.fetch, now: clock.now, sleep: clock.sleep }).getPeopleFields(),
    );
    expect(error.status).toBe(503);
    expect(fake.calls).toHaveLength(2);
  });

  test("connection reset is retried once", async () => {
    const clock = fakeClock(1_700_000_000_000);
    const reset = () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
      });
    };
    const fake = fakeFetch(reset, json([]));
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
    }).getPeopleFields();
    expect(fake.calls).toHaveLength(2);
  });

  test("DNS failure is unreachable without retry", async () => {
    const fake = fakeFetch(() => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }),
      });
    });
    const error = await captureError(client({ fetch: fake.fetch }).getPeopleFields());
    expect(error).toBeInstanceOf(HibobUnreachableError);
    expect((error as HibobUnreachableError).code).toBe("ENOTFOUND");
    expect(fake.calls).toHaveLength(1);
    expectNoSecret(error);
  });

  test("refused connection is unreachable", async () => {
    const port = await closedLoopbackPort();
    const error = await captureError(
      new HibobClient({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        serviceUserId: SERVICE_USER_ID,
        token: TOKEN,
      }).getPeopleFields(),
    );
    expect(error).toBeInstanceOf(HibobUnreachableError);
    expect((error as HibobUnreachableError).code).toBe("ECONNREFUSED");
    expectNoSecret(error);
  });

  test("slow answer times out", async () => {
    const fake = fakeFetch(
      (_call, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    );
    const started = performance.now();
    const error = await captureError(
      client({ fetch: fake.fetch, timeoutMs: 50 }).getPeopleFields(),
    );
    expect(error).toBeInstanceOf(HibobTimeoutError);
    expect((error as HibobTimeoutError).timeoutMs).toBe(50);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(fake.calls).toHaveLength(1);
  });

  test("passed deadline fails without a call", async () => {
    const clock = fakeClock(1_700_000_000_000);
    const fake = fakeFetch(json([]));
    const error = await captureError(
      client({
        fetch: fake.fetch,
        now: clock.now,
        deadline: clock.now() - 1,
      }).getPeopleFields(),
    );
    expect(error).toBeInstanceOf(HibobTimeoutError);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("HibobClient rate limits", () => {
  const start = 1_700_000_000_000;

  test("429 waits until X-RateLimit-Reset", async () => {
    const clock = fakeClock(start);
    const resetSeconds = start / 1000 + 7;
    const fake = fakeFetch(
      json({ error: "Too many requests" }, 429, {
        "x-ratelimit-limit": "50",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(resetSeconds),
      }),
      json({ employees: [] }),
    );
    const retries: number[] = [];
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
      onRetry: (event) => retries.push(event.delayMs),
    }).searchPeople({ fields: ["root.id"], showInactive: false });

    expect(fake.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([7_000]);
    expect(retries).toEqual([7_000]);
  });

  test("429 is retried at most twice", async () => {
    const clock = fakeClock(start);
    const resetSeconds = start / 1000 + 2;
    const fake = fakeFetch(json({}, 429, { "x-ratelimit-reset": String(resetSeconds) }));
    const error = await captureError(
      client({ fetch: fake.fetch, now: clock.now, sleep: clock.sleep }).getPeopleFields(),
    );
    expect(error).toBeInstanceOf(HibobRateLimitError);
    expect(fake.calls).toHaveLength(3);
    expect((error as HibobRateLimitError).resetAt).toEqual(new Date(resetSeconds * 1000));
    expectNoSecret(error);
  });

  test("429 honours Retry-After seconds", async () => {
    const clock = fakeClock(start);
    const fake = fakeFetch(json({}, 429, { "retry-after": "3" }), json([]));
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
    }).getPeopleFields();
    expect(clock.sleeps).toEqual([3_000]);
  });

  test("429 without headers backs off exponentially", async () => {
    const clock = fakeClock(start);
    const fake = fakeFetch(json({}, 429), json({}, 429), json([]));
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
    }).getPeopleFields();
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  test("429 is not retried past the deadline", async () => {
    const clock = fakeClock(start);
    const fake = fakeFetch(
      json({}, 429, { "x-ratelimit-reset": String(start / 1000 + 30) }),
    );
    const error = await captureError(
      client({
        fetch: fake.fetch,
        now: clock.now,
        sleep: clock.sleep,
        deadline: start + 10_000,
      }).getPeopleFields(),
    );
    expect(error).toBeInstanceOf(HibobRateLimitError);
    expect(fake.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  test("reset time in the past waits briefly", async () => {
    const clock = fakeClock(start);
    const fake = fakeFetch(
      json({}, 429, { "x-ratelimit-reset": String(start / 1000 - 5) }),
      json([]),
    );
    await client({
      fetch: fake.fetch,
      now: clock.now,
      sleep: clock.sleep,
    }).getPeopleFields();
    expect(clock.sleeps).toEqual([100]);
  });
});

/** Returns a loopback port with nothing listening on it. */
async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") {
    throw new Error("no port");
  }
  return address.port;
}
