import "server-only";

// The staff console's actions with their guards: each one reads the staff
// user from the session, checks the role, validates the input and returns a
// typed result. Only CustomerActionError messages reach the user; anything
// unexpected is logged and replaced by a generic message.
import {
  AuthenticationError,
  AuthorizationError,
  requireStaffAction,
  type StaffRole,
  type StaffUser,
} from "@/lib/auth/staff";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { getConfig, getDecryptionKeys, getHibobConnection } from "@/lib/server/runtime";
import {
  createCustomerSchema,
  customerIdSchema,
  reopenCustomerSchema,
  toFieldErrors,
} from "@/lib/validation/staff-forms";

import { CREATE_CUSTOMER_ROLES, CUSTOMER_PAGE_ROLES } from "./access";
import { createCustomer } from "./create";
import { CustomerActionError } from "./errors";
import { emailSetupLink } from "./link-email";
import { reopenCustomer } from "./reopen";
import type {
  ActionFailure,
  CreateCustomerResult,
  NewLink,
  ReopenCustomerResult,
  RerunProbeResult,
} from "./results";
import { rerunCustomerProbe } from "./rerun";

export const UNEXPECTED_ERROR_MESSAGE =
  "Something went wrong on our side. Reload the page to see what was saved, then try again. If it keeps failing, tell the team that runs HiBob Connect.";

const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again, then retry.";
const WRONG_ROLE_MESSAGE = "Your role does not allow this action.";
const INVALID_INPUT_MESSAGE = "Some fields need fixing. See the messages next to them.";
const UNKNOWN_CUSTOMER_MESSAGE =
  "This customer does not exist. It may have been removed; go back to the dashboard.";

type Guarded = { ok: true; user: StaffUser } | ActionFailure;

async function authorize(roles: readonly StaffRole[]): Promise<Guarded> {
  try {
    return { ok: true, user: await requireStaffAction(roles) };
  } catch (error) {
    if (error instanceof AuthenticationError) {
      return { ok: false, message: SIGNED_OUT_MESSAGE };
    }
    if (error instanceof AuthorizationError) {
      return { ok: false, message: WRONG_ROLE_MESSAGE };
    }
    throw error;
  }
}

/** Converts an error into the result shown to the user, and logs unexpected errors. */
function toFailure(
  error: unknown,
  context: { customerId?: string; action: string },
): ActionFailure {
  if (error instanceof CustomerActionError) {
    return {
      ok: false,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: { ...error.fieldErrors } } : {}),
    };
  }
  logger.error(
    { err: error, customerId: context.customerId },
    `${context.action} failed`,
  );
  return { ok: false, message: UNEXPECTED_ERROR_MESSAGE };
}

function linkUrl(token: string): string {
  return `${getConfig().appUrl}/link/${token}`;
}

/** Creates a customer and its first link for the signed-in CSM or admin. */
export async function createCustomerAsStaff(
  input: unknown,
): Promise<CreateCustomerResult> {
  const guard = await authorize(CREATE_CUSTOMER_ROLES);
  if (!guard.ok) {
    return guard;
  }
  const parsed = createCustomerSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: INVALID_INPUT_MESSAGE,
      fieldErrors: toFieldErrors(parsed.error, [
        "companyName",
        "hrAdminEmail",
        "hibobEnvironment",
        "requiredCategories",
        "ownerId",
        "linkTtlDays",
        "emailLink",
      ]),
    };
  }
  const values = parsed.data;
  const { user } = guard;

  try {
    const created = await createCustomer(db, { values, actor: user });
    const url = linkUrl(created.token);
    const link: NewLink = {
      url,
      expiresAt: created.expiresAt.toISOString(),
      emailed: false,
    };
    if (values.emailLink && values.hrAdminEmail) {
      const email = await emailSetupLink(db, {
        customerId: created.customerId,
        linkSessionId: created.linkSessionId,
        actorId: user.id,
        to: values.hrAdminEmail,
        companyName: values.companyName,
        linkUrl: url,
        expiresAt: created.expiresAt,
        mode: "initial",
        sender: { name: user.name, email: user.email },
        mailer: sendMail,
      });
      link.emailed = email.emailed;
      if (!email.emailed) {
        link.emailProblem = email.problem;
      }
    }
    logger.info(
      { customerId: created.customerId, staffUserId: user.id, emailed: link.emailed },
      "Staff created a customer",
    );
    return {
      ok: true,
      customerId: created.customerId,
      companyName: values.companyName,
      link,
    };
  } catch (error) {
    return toFailure(error, { action: "Creating a customer" });
  }
}

/** Reopens a customer's setup with a new link, for support, admins and the owning CSM. */
export async function reopenCustomerAsStaff(
  customerId: unknown,
  input: unknown,
): Promise<ReopenCustomerResult> {
  const guard = await authorize(CUSTOMER_PAGE_ROLES);
  if (!guard.ok) {
    return guard;
  }
  const id = customerIdSchema.safeParse(customerId);
  if (!id.success) {
    return { ok: false, message: UNKNOWN_CUSTOMER_MESSAGE };
  }
  const parsed = reopenCustomerSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: INVALID_INPUT_MESSAGE,
      fieldErrors: toFieldErrors(parsed.error, ["mode", "reason", "emailLink"]),
    };
  }
  const values = parsed.data;
  const { user } = guard;

  try {
    const reopened = await reopenCustomer(db, {
      customerId: id.data,
      mode: values.mode,
      reason: values.reason,
      actor: user,
      ttlDays: getConfig().linkTtlDays,
      keys: getDecryptionKeys(),
      connectionFor: getHibobConnection,
    });
    const url = linkUrl(reopened.token);
    const link: NewLink = {
      url,
      expiresAt: reopened.expiresAt.toISOString(),
      emailed: false,
    };
    if (values.emailLink) {
      if (reopened.hrAdminEmail) {
        const email = await emailSetupLink(db, {
          customerId: id.data,
          linkSessionId: reopened.linkSessionId,
          actorId: user.id,
          to: reopened.hrAdminEmail,
          companyName: reopened.companyName,
          linkUrl: url,
          expiresAt: reopened.expiresAt,
          mode: values.mode,
          sender: { name: user.name, email: user.email },
          mailer: sendMail,
        });
        link.emailed = email.emailed;
        if (!email.emailed) {
          link.emailProblem = email.problem;
        }
      } else {
        link.emailProblem =
          "No HR admin email address is stored for this customer, so the link was not emailed. Copy it and send it yourself.";
      }
    }
    logger.info(
      {
        customerId: id.data,
        staffUserId: user.id,
        mode: values.mode,
        emailed: link.emailed,
      },
      "Staff reopened a customer's setup",
    );
    return {
      ok: true,
      mode: values.mode,
      link,
      ...(reopened.recheck ? { recheck: reopened.recheck } : {}),
      ...(reopened.recheckProblem ? { recheckProblem: reopened.recheckProblem } : {}),
    };
  } catch (error) {
    return toFailure(error, { customerId: id.data, action: "Reopening a customer" });
  }
}

/** Runs the permission probe again with the stored credentials. */
export async function rerunProbeAsStaff(customerId: unknown): Promise<RerunProbeResult> {
  const guard = await authorize(CUSTOMER_PAGE_ROLES);
  if (!guard.ok) {
    return guard;
  }
  const id = customerIdSchema.safeParse(customerId);
  if (!id.success) {
    return { ok: false, message: UNKNOWN_CUSTOMER_MESSAGE };
  }

  try {
    const run = await rerunCustomerProbe(db, {
      customerId: id.data,
      actor: guard.user,
      keys: getDecryptionKeys(),
      connectionFor: getHibobConnection,
    });
    return { ok: true, run };
  } catch (error) {
    return toFailure(error, { customerId: id.data, action: "Re-running the probe" });
  }
}
