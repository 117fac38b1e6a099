import { Writable } from "node:stream";

import { describe, expect, test } from "vitest";

import { createAppLogger } from "@/lib/logger";
import { runWithRequestContext } from "@/lib/request-context";

/** The app's logger at info level, writing JSON lines into an array. */
function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const logger = createAppLogger(stream);
  logger.level = "info";
  return { lines, logger };
}

describe("logger", () => {
  test("secrets are redacted at any depth", () => {
    const { lines, logger } = captureLogger();
    logger.info(
      {
        token: "secret-token-1",
        request: { headers: { authorization: "Basic c2VjcmV0" } },
        credentials: { serviceUserToken: "secret-token-2" },
        cookie: "authjs.session-token=abc",
      },
      "test line",
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain("secret-token-1");
    expect(line).not.toContain("c2VjcmV0");
    expect(line).not.toContain("secret-token-2");
    expect(line).not.toContain("authjs.session-token=abc");
    expect(line).toContain("[redacted]");
  });

  test("request id is added inside a request", () => {
    const { lines, logger } = captureLogger();
    runWithRequestContext({ requestId: "req-12345678" }, () => logger.info("inside"));
    logger.info("outside");
    expect(lines.find((line) => line.msg === "inside")?.requestId).toBe("req-12345678");
    expect(lines.find((line) => line.msg === "outside")?.requestId).toBeUndefined();
  });

  test("request id survives awaits", async () => {
    const { lines, logger } = captureLogger();
    await runWithRequestContext({ requestId: "req-async-1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.warn("after await");
    });
    expect(lines[0]?.requestId).toBe("req-async-1");
  });
});
