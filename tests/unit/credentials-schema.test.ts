import { describe, expect, test } from "vitest";

import { credentialsSchema } from "@/lib/validation/credentials";

function errorsFor(input: unknown): Record<string, string> {
  const result = credentialsSchema.safeParse(input);
  if (result.success) {
    return {};
  }
  // The form and the server action both show the first problem per field.
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    errors[String(issue.path[0])] ??= issue.message;
  }
  return errors;
}

describe("credentialsSchema", () => {
  test("accepts a typical service user", () => {
    const result = credentialsSchema.safeParse({
      serviceUserId: "SERVICE-12345",
      token: "Zm9vYmFyYmF6cXV4cXV1eA1234",
    });
    expect(result.success).toBe(true);
  });

  test("trims pasted whitespace", () => {
    const result = credentialsSchema.parse({
      serviceUserId: "  SERVICE-1 \n",
      token: "\tabcdefgh1234 ",
    });
    expect(result).toEqual({ serviceUserId: "SERVICE-1", token: "abcdefgh1234" });
  });

  test("missing fields name both", () => {
    const errors = errorsFor({});
    expect(errors.serviceUserId).toBe("Enter the service user ID.");
    expect(errors.token).toBe("Enter the service user token.");
  });

  test("empty strings ask for input", () => {
    const errors = errorsFor({ serviceUserId: "   ", token: "" });
    expect(errors.serviceUserId).toBe("Enter the service user ID.");
    expect(errors.token).toBe("Enter the service user token.");
  });

  test.each([
    ["colon", "SERVICE:1"],
    ["space", "SERVICE 1"],
    ["control character", "SERVICE\u00001"],
    ["non-ASCII", "SÉRVICE-1"],
  ])("service user ID with %s is rejected", (_case, serviceUserId) => {
    expect(errorsFor({ serviceUserId, token: "abcdefgh1234" }).serviceUserId).toMatch(
      /spaces or colons/,
    );
  });

  test("token with an inner space is rejected", () => {
    expect(errorsFor({ serviceUserId: "S-1", token: "abcd efgh1234" }).token).toMatch(
      /spaces or line breaks/,
    );
  });

  test("short token is rejected", () => {
    expect(errorsFor({ serviceUserId: "S-1", token: "abc" }).token).toMatch(/too short/);
  });

  test("oversized values are rejected", () => {
    const errors = errorsFor({ serviceUserId: "S".repeat(201), token: "t".repeat(1001) });
    expect(errors.serviceUserId).toMatch(/too long/);
    expect(errors.token).toMatch(/too long/);
  });

  test("non-string values are rejected", () => {
    const errors = errorsFor({ serviceUserId: 42, token: ["x"] });
    expect(errors.serviceUserId).toBeDefined();
    expect(errors.token).toBeDefined();
  });
});
