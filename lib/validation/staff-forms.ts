// Schemas of the staff console's forms, shared by the browser forms and the
// server actions, so both reject the same input with the same messages.
import { z } from "zod";

import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

export const MIN_LINK_TTL_DAYS = 1;
export const MAX_LINK_TTL_DAYS = 90;

/**
 * Basic info is always required: without it HiBob returns no employees at
 * all, so no other category can be read either.
 */
export const ALWAYS_REQUIRED_CATEGORY: PermissionCategoryId = "basic_info";

export const HIBOB_ENVIRONMENTS = ["production", "sandbox"] as const;

const categoryIdSchema = z.enum(PERMISSION_CATEGORY_IDS, {
  error: "Choose categories from the list.",
});

/** Sorts categories into the catalogue's order, drops repeats and adds Basic info. */
function normalizeCategories(
  ids: readonly PermissionCategoryId[],
): PermissionCategoryId[] {
  return PERMISSION_CATEGORY_IDS.filter(
    (id) => id === ALWAYS_REQUIRED_CATEGORY || ids.includes(id),
  );
}

/**
 * Control characters, which PostgreSQL rejects (NUL) or which make text
 * unreadable, and the bidirectional overrides and isolates, which can make a
 * company name read differently in the console and in mail subjects.
 * Multi-line fields allow tab and line breaks.
 */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS =
  /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const emailSchema = z
  .string()
  .trim()
  .max(254, "The email address is too long: addresses have at most 254 characters.")
  .pipe(z.email("Enter a valid email address, for example hr@example.com."));

export const createCustomerSchema = z
  .object({
    companyName: z
      .string({ error: "Enter the company name." })
      .trim()
      .min(1, "Enter the company name.")
      .max(200, "The company name is too long: use at most 200 characters.")
      .refine(
        (name) => !CONTROL_CHARACTERS.test(name),
        "The company name can't contain control characters such as tabs or line breaks.",
      ),
    /** Optional, but needed to email the link. Empty means unknown. */
    hrAdminEmail: z.union([z.literal("").transform(() => null), emailSchema]),
    hibobEnvironment: z.enum(HIBOB_ENVIRONMENTS, {
      error: "Choose production or sandbox.",
    }),
    requiredCategories: z
      .array(categoryIdSchema, { error: "Choose the categories to request." })
      .transform(normalizeCategories),
    /**
     * The CSM who owns the customer, chosen by an admin. Empty means
     * unassigned. A CSM who creates a customer always owns it, whatever
     * this field contains.
     */
    ownerId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{0,64}$/, "Choose an owner from the list."),
    linkTtlDays: z
      .number({ error: "Enter the number of days the link works, from 1 to 90." })
      .int("Enter a whole number of days.")
      .min(MIN_LINK_TTL_DAYS, "The link must work for at least 1 day.")
      .max(MAX_LINK_TTL_DAYS, "The link can work for at most 90 days."),
    emailLink: z.boolean(),
  })
  .superRefine((values, context) => {
    if (values.emailLink && values.hrAdminEmail === null) {
      context.addIssue({
        code: "custom",
        path: ["hrAdminEmail"],
        message: "Enter the HR admin's email address to email them the link.",
      });
    }
  });

export type CreateCustomerInput = z.input<typeof createCustomerSchema>;
export type CreateCustomerValues = z.output<typeof createCustomerSchema>;

export const REOPEN_MODES = ["recheck", "relink"] as const;
export type ReopenMode = (typeof REOPEN_MODES)[number];

export const MIN_REOPEN_REASON_LENGTH = 5;
export const MAX_REOPEN_REASON_LENGTH = 500;

export const reopenCustomerSchema = z.object({
  mode: z.enum(REOPEN_MODES, { error: "Choose what the HR admin should do." }),
  reason: z
    .string({ error: "Enter the reason for reopening." })
    .trim()
    .min(1, "Enter the reason for reopening.")
    .min(
      MIN_REOPEN_REASON_LENGTH,
      `The reason is too short: write at least ${MIN_REOPEN_REASON_LENGTH} characters.`,
    )
    .max(
      MAX_REOPEN_REASON_LENGTH,
      `The reason is too long: use at most ${MAX_REOPEN_REASON_LENGTH} characters.`,
    )
    .refine(
      (reason) => !CONTROL_CHARACTERS_EXCEPT_LINE_BREAKS.test(reason),
      "The reason can't contain control characters. Type it again as plain text.",
    ),
  emailLink: z.boolean(),
});

export type ReopenCustomerInput = z.input<typeof reopenCustomerSchema>;
export type ReopenCustomerValues = z.output<typeof reopenCustomerSchema>;

/**
 * Customer ids are PostgreSQL UUIDs. `z.guid()` accepts any 8-4-4-4-12 hex
 * string, as PostgreSQL does, where `z.uuid()` also checks the version.
 */
export const customerIdSchema = z.guid();

/** Field errors keyed by the form's field names, first message per field. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** Collects the first message per top-level field from a failed parse. */
export function toFieldErrors<Field extends string>(
  error: z.ZodError,
  fields: readonly Field[],
): FieldErrors<Field> {
  const fieldErrors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field !== "string" || !(fields as readonly string[]).includes(field)) {
      continue;
    }
    const key = field as Field;
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}
