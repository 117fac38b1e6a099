// Property-based tests: random and hostile values must get a clear
// validation result, never an exception or a crash.
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { ConfigError, parseConfig } from "@/lib/config";
import { isWellFormedLinkToken } from "@/lib/link-sessions/link-token";
import { credentialsSchema } from "@/lib/validation/credentials";

import { recordSecurityFigure } from "../support/security-figures";

const RUNS = 500;

/** Strings that often break parsers: control characters, markup, SQL, huge and odd unicode. */
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\r\n",
    "'; DROP TABLE customers; --",
    "<script>alert(1)</script>",
    "${7*7}",
    "../../etc/passwd",
    "SERVICE:123",
    "\u202e\u0645\u0631\u062d\u0628\u0627",
    "A".repeat(5000),
  ),
);

const anyValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

describe("hostile credential form input", () => {
  test("schema never throws and accepted values are clean", () => {
    fc.assert(
      fc.property(anyValue, anyValue, (serviceUserId, token) => {
        const result = credentialsSchema.safeParse({ serviceUserId, token });
        if (result.success) {
          expect(result.data.serviceUserId).toMatch(/^[\x21-\x39\x3b-\x7e]{1,200}$/);
          expect(result.data.token).toMatch(/^[\x21-\x7e]{8,1000}$/);
        } else {
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const issue of result.error.issues) {
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });

  test("whole payloads of any shape are handled", () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        expect(() => credentialsSchema.safeParse(payload)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });
});

describe("hostile link tokens", () => {
  test("only 43-character base64url tokens pass", () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const wellFormed = isWellFormedLinkToken(value);
        expect(wellFormed).toBe(/^[A-Za-z0-9_-]{43}$/.test(value));
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });
});

describe("hostile configuration", () => {
  test("invalid values raise ConfigError only", () => {
    const keys = [
      "NODE_ENV",
      "APP_ENV",
      "HIBOB_BASE_URL",
      "HIBOB_TIMEOUT_MS",
      "LINK_TTL_DAYS",
      "APP_URL",
    ];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys), hostileString, { maxKeys: 6 }),
        (env) => {
          try {
            parseConfig(env);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
          }
        },
      ),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });
});
