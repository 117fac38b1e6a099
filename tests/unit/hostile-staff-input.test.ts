// Property-based tests for the staff console's inputs: form payloads and
// dashboard query parameters of any shape get a validation result or safe
// defaults, never an exception.
import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  MAX_SEARCH_LENGTH,
  PAGE_SIZES,
  SORT_KEYS,
  parseDashboardParams,
} from "@/lib/dashboard/params";
import {
  createCustomerSchema,
  customerIdSchema,
  reopenCustomerSchema,
} from "@/lib/validation/staff-forms";

import { recordSecurityFigure } from "../support/security-figures";

const RUNS = 400;

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom(
    "",
    "'; DROP TABLE customers; --",
    "<img src=x onerror=alert(1)>",
    "%_\\\\%",
    "../../",
    "\u0000",
    "9".repeat(400),
    "-1",
    "NaN",
    "Infinity",
  ),
);

const paramValue = fc.oneof(
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant(undefined),
);

describe("hostile staff form payloads", () => {
  test("create-customer schema never throws", () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        expect(() => createCustomerSchema.safeParse(payload)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });

  test("reopen schema never throws", () => {
    fc.assert(
      fc.property(
        fc.record({ mode: hostileString, reason: hostileString }, { requiredKeys: [] }),
        (payload) => {
          const result = reopenCustomerSchema.safeParse(payload);
          if (result.success) {
            expect(["recheck", "relink"]).toContain(result.data.mode);
          }
        },
      ),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });

  test("customer ids accept only UUIDs", () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        const result = customerIdSchema.safeParse(value);
        if (result.success) {
          expect(value).toMatch(/^[0-9a-f-]{36}$/i);
        }
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });
});

describe("hostile dashboard query parameters", () => {
  test("parsing always yields valid params", () => {
    const keys = ["stage", "owner", "q", "sort", "dir", "page", "size", "other"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), paramValue), (raw) => {
        const params = parseDashboardParams(raw);
        expect(SORT_KEYS).toContain(params.sort);
        expect(["asc", "desc"]).toContain(params.direction);
        expect(PAGE_SIZES).toContain(params.pageSize);
        expect(Number.isInteger(params.page)).toBe(true);
        expect(params.page).toBeGreaterThanOrEqual(1);
        expect(params.search.length).toBeLessThanOrEqual(MAX_SEARCH_LENGTH);
      }),
      { numRuns: RUNS },
    );
    recordSecurityFigure("inputsTried", RUNS);
  });
});
