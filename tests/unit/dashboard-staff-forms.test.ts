// The staff console's form schemas, shared by the browser forms and the
// server actions.
import { describe, expect, test } from "vitest";

import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import {
  createCustomerSchema,
  customerIdSchema,
  reopenCustomerSchema,
  toFieldErrors,
  type CreateCustomerInput,
} from "@/lib/validation/staff-forms";

const validCustomer: CreateCustomerInput = {
  companyName: "  Acme Ltd ",
  hrAdminEmail: " hr@acme.example ",
  hibobEnvironment: "production",
  requiredCategories: ["work", "employment"],
  ownerId: "",
  linkTtlDays: 14,
  emailLink: true,
};

function fieldErrorsOf(input: unknown) {
  const parsed = createCustomerSchema.safeParse(input);
  if (parsed.success) {
    throw new Error("expected the input to be rejected");
  }
  return toFieldErrors(parsed.error, [
    "companyName",
    "hrAdminEmail",
    "hibobEnvironment",
    "requiredCategories",
    "ownerId",
    "linkTtlDays",
    "emailLink",
  ]);
}

describe("createCustomerSchema", () => {
  test("valid input is trimmed", () => {
    const values = createCustomerSchema.parse(validCustomer);
    expect(values.companyName).toBe("Acme Ltd");
    expect(values.hrAdminEmail).toBe("hr@acme.example");
  });

  test("basic info is always added, in catalogue order", () => {
    const values = createCustomerSchema.parse(validCustomer);
    expect(values.requiredCategories).toEqual(["basic_info", "employment", "work"]);
  });

  test("no ticked category still requests basic info", () => {
    const values = createCustomerSchema.parse({
      ...validCustomer,
      requiredCategories: [],
    });
    expect(values.requiredCategories).toEqual(["basic_info"]);
  });

  test("all categories stay all categories", () => {
    const values = createCustomerSchema.parse({
      ...validCustomer,
      requiredCategories: [...PERMISSION_CATEGORY_IDS].reverse(),
    });
    expect(values.requiredCategories).toEqual([...PERMISSION_CATEGORY_IDS]);
  });

  test("bidirectional override is rejected", () => {
    const errors = fieldErrorsOf({ ...validCustomer, companyName: "Acme \u202Edtl" });
    expect(errors.companyName).toContain("control characters");
  });

  test("empty email means unknown", () => {
    const values = createCustomerSchema.parse({
      ...validCustomer,
      hrAdminEmail: "",
      emailLink: false,
    });
    expect(values.hrAdminEmail).toBeNull();
  });

  const rejected: [
    string,
    Partial<Record<keyof CreateCustomerInput, unknown>>,
    string,
  ][] = [
    ["blank company name", { companyName: "   " }, "companyName"],
    ["long company name", { companyName: "x".repeat(201) }, "companyName"],
    ["invalid email", { hrAdminEmail: "not-an-email" }, "hrAdminEmail"],
    ["email link without email", { hrAdminEmail: "", emailLink: true }, "hrAdminEmail"],
    ["unknown environment", { hibobEnvironment: "staging" }, "hibobEnvironment"],
    ["unknown category", { requiredCategories: ["salaries"] }, "requiredCategories"],
    ["zero days", { linkTtlDays: 0 }, "linkTtlDays"],
    ["91 days", { linkTtlDays: 91 }, "linkTtlDays"],
    ["fractional days", { linkTtlDays: 1.5 }, "linkTtlDays"],
    ["empty days field", { linkTtlDays: Number.NaN }, "linkTtlDays"],
    ["days as text", { linkTtlDays: "14" }, "linkTtlDays"],
    ["NUL in company name", { companyName: "Acme\u0000 Ltd" }, "companyName"],
    ["line break in company name", { companyName: "Acme\nLtd" }, "companyName"],
    ["owner id with quote", { ownerId: "x' OR '1'='1" }, "ownerId"],
  ];

  test.each(rejected)("%s is rejected on its field", (_name, change, field) => {
    const errors = fieldErrorsOf({ ...validCustomer, ...change });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]).toMatch(/\S/);
  });

  test("boundary days are accepted", () => {
    expect(
      createCustomerSchema.safeParse({ ...validCustomer, linkTtlDays: 1 }).success,
    ).toBe(true);
    expect(
      createCustomerSchema.safeParse({ ...validCustomer, linkTtlDays: 90 }).success,
    ).toBe(true);
  });

  test("missing fields are named", () => {
    const errors = fieldErrorsOf({});
    expect(Object.keys(errors).sort()).toEqual(
      [
        "companyName",
        "emailLink",
        "hibobEnvironment",
        "hrAdminEmail",
        "linkTtlDays",
        "ownerId",
        "requiredCategories",
      ].sort(),
    );
  });
});

describe("reopenCustomerSchema", () => {
  test("reason is trimmed", () => {
    expect(
      reopenCustomerSchema.parse({
        mode: "relink",
        reason: "  New token  ",
        emailLink: false,
      }).reason,
    ).toBe("New token");
  });

  const cases: [string, unknown, boolean][] = [
    ["five characters", "abcde", true],
    ["four characters", "abcd", false],
    ["five characters after trimming spaces", "   abcd   ", false],
    ["500 characters", "x".repeat(500), true],
    ["501 characters", "x".repeat(501), false],
    ["missing reason", undefined, false],
    ["line breaks", "Token rotated.\nNew one requested.", true],
    ["NUL character", "Token\u0000 rotated", false],
  ];

  test.each(cases)("%s", (_name, reason, accepted) => {
    expect(
      reopenCustomerSchema.safeParse({ mode: "recheck", reason, emailLink: false })
        .success,
    ).toBe(accepted);
  });

  test("unknown mode is rejected", () => {
    expect(
      reopenCustomerSchema.safeParse({
        mode: "initial",
        reason: "Token rotated",
        emailLink: false,
      }).success,
    ).toBe(false);
  });
});

describe("customerIdSchema", () => {
  test("UUIDs are accepted", () => {
    expect(
      customerIdSchema.safeParse("3f2b8c1e-9a4d-4c1b-8e2f-1a2b3c4d5e6f").success,
    ).toBe(true);
  });

  test.each(["", "42", "not-a-uuid", "3f2b8c1e-9a4d-4c1b-8e2f-1a2b3c4d5e6", "../etc"])(
    "%j is rejected",
    (value) => {
      expect(customerIdSchema.safeParse(value).success).toBe(false);
    },
  );
});
