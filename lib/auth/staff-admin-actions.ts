import "server-only";

// The staff management actions with their guards: each one reads the caller
// from the session, requires the admin role, validates the input and returns
// a result for the form. Only StaffAdminError and guard messages reach the
// user; anything unexpected is logged and replaced by a generic message.
import type { ZodSafeParseResult } from "zod";

import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { getConfig } from "@/lib/server/runtime";

import { composeInvitationMail } from "./invitation-mail";
import {
  changeRoleSchema,
  inviteStaffSchema,
  staffUserIdSchema,
  toFieldErrors,
} from "./staff-admin-schema";
import {
  changeStaffRole,
  deactivateStaffUser,
  inviteStaffUser,
  reactivateStaffUser,
  StaffAdminError,
} from "./staff-admin";
import { AuthenticationError, AuthorizationError, requireStaffAction } from "./staff";
import { STAFF_ROLE_LABELS, type StaffRole, type StaffUser } from "./types";

export const STAFF_ADMIN_ROLES: readonly StaffRole[] = ["admin"];

export type StaffAdminResult =
  | { ok: true; message: string; warning?: string }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string>;
      /** Set when the guard refused the caller: signed out, or not an admin. */
      refusal?: "unauthenticated" | "forbidden";
    };

const INVALID_INPUT_MESSAGE = "Some fields need fixing. See the messages next to them.";
const UNEXPECTED_ERROR_MESSAGE =
  "Something went wrong on our side, and nothing was changed. Reload the page and try again.";

type Guarded = { ok: true; admin: StaffUser } | Extract<StaffAdminResult, { ok: false }>;

async function authorizeAdmin(): Promise<Guarded> {
  try {
    return { ok: true, admin: await requireStaffAction(STAFF_ADMIN_ROLES) };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      return { ok: false, message: error.message, refusal: "unauthenticated" };
    }
    if (error instanceof AuthorizationError) {
      return { ok: false, message: error.message, refusal: "forbidden" };
    }
    throw error;
  }
}

function toFailure(error: unknown, action: string): StaffAdminResult {
  if (error instanceof StaffAdminError) {
    return {
      ok: false,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: { ...error.fieldErrors } } : {}),
    };
  }
  logger.error({ err: error }, `${action} failed`);
  return { ok: false, message: UNEXPECTED_ERROR_MESSAGE };
}

/** Mails the sign-in instructions; returns a warning instead of failing the invitation. */
async function sendInvitation(
  admin: StaffUser,
  invited: { id: string; email: string },
  role: StaffRole,
): Promise<string | undefined> {
  try {
    await sendMail({
      to: invited.email,
      ...composeInvitationMail({ appUrl: getConfig().appUrl, role, invitedBy: admin }),
    });
    return undefined;
  } catch (error) {
    logger.error({ err: error, userId: invited.id }, "Staff invitation mail failed");
    return `The invitation mail to ${invited.email} could not be sent. They can still sign in: tell them to open ${getConfig().appUrl}/staff/sign-in.`;
  }
}

/**
 * Runs one admin action: checks the caller, validates `input` with `schema`,
 * then runs `perform`. `action` names it in the log when it fails unexpectedly.
 */
async function runAdminAction<Values>(
  input: unknown,
  schema: { safeParse(input: unknown): ZodSafeParseResult<Values> },
  action: string,
  perform: (admin: StaffUser, values: Values) => Promise<StaffAdminResult>,
): Promise<StaffAdminResult> {
  const guard = await authorizeAdmin();
  if (!guard.ok) {
    return guard;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: INVALID_INPUT_MESSAGE,
      fieldErrors: toFieldErrors(parsed.error),
    };
  }
  try {
    return await perform(guard.admin, parsed.data);
  } catch (error) {
    return toFailure(error, action);
  }
}

export async function inviteStaffAsAdmin(input: unknown): Promise<StaffAdminResult> {
  return runAdminAction(
    input,
    inviteStaffSchema,
    "Staff invitation",
    async (admin, values) => {
      const invited = await inviteStaffUser(db, admin, values);
      const warning = values.sendInvitation
        ? await sendInvitation(admin, invited, values.role)
        : undefined;
      const mailed =
        values.sendInvitation && !warning ? " and mailed the sign-in instructions" : "";
      return {
        ok: true,
        message: `Invited ${invited.email} as ${STAFF_ROLE_LABELS[values.role]}${mailed}.`,
        ...(warning ? { warning } : {}),
      };
    },
  );
}

export async function changeStaffRoleAsAdmin(input: unknown): Promise<StaffAdminResult> {
  return runAdminAction(
    input,
    changeRoleSchema,
    "Staff role change",
    async (admin, values) => {
      const changed = await changeStaffRole(db, admin, values);
      return {
        ok: true,
        message:
          changed.from === changed.to
            ? `${changed.email} already has the ${STAFF_ROLE_LABELS[changed.to]} role.`
            : `${changed.email} is now ${STAFF_ROLE_LABELS[changed.to]}.`,
      };
    },
  );
}

export async function deactivateStaffAsAdmin(input: unknown): Promise<StaffAdminResult> {
  return runAdminAction(
    input,
    staffUserIdSchema,
    "Staff deactivation",
    async (admin, values) => {
      const result = await deactivateStaffUser(db, admin, values);
      return {
        ok: true,
        message: `${result.email} is deactivated and signed out everywhere.`,
      };
    },
  );
}

export async function reactivateStaffAsAdmin(input: unknown): Promise<StaffAdminResult> {
  return runAdminAction(
    input,
    staffUserIdSchema,
    "Staff reactivation",
    async (admin, values) => {
      const result = await reactivateStaffUser(db, admin, values);
      return { ok: true, message: `${result.email} can sign in again.` };
    },
  );
}
