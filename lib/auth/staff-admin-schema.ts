// Schemas of the staff management forms, shared by the browser forms and the
// server actions, so both reject the same input with the same messages.
import { z } from "zod";

import { STAFF_ROLES } from "./types";

const roleSchema = z.enum(STAFF_ROLES, {
  error: "Choose a role: CSM, Support or Admin.",
});

const userIdSchema = z
  .string({ error: "Choose a staff user from the list." })
  .trim()
  .min(1, "Choose a staff user from the list.")
  .max(100, "Choose a staff user from the list.");

export const inviteStaffSchema = z.object({
  email: z
    .string({ error: "Enter the person's work email address." })
    .trim()
    .toLowerCase()
    .min(1, "Enter the person's work email address.")
    .max(254, "The email address is too long: addresses have at most 254 characters.")
    .pipe(z.email("Enter a valid email address, for example ana@your-company.com.")),
  name: z
    .string()
    .trim()
    .max(100, "The name is too long: use at most 100 characters.")
    .transform((value) => (value === "" ? null : value)),
  role: roleSchema,
  sendInvitation: z.boolean({ error: "Choose whether to send an invitation mail." }),
});

export type InviteStaffInput = z.input<typeof inviteStaffSchema>;
export type InviteStaffValues = z.output<typeof inviteStaffSchema>;

export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export type ChangeRoleValues = z.output<typeof changeRoleSchema>;

export const staffUserIdSchema = z.object({ userId: userIdSchema });
export type StaffUserIdValues = z.output<typeof staffUserIdSchema>;

/** Turns zod issues into one message per top-level field, the first one winning. */
export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}
