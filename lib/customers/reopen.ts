import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/types";
import type { HibobEnvironment } from "@/lib/generated/prisma/enums";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { logger } from "@/lib/logger";
import { createLinkSession } from "@/lib/link-sessions/service";
import {
  ProbeRunInProgressError,
  recheckPermissions,
  type HibobConnection,
} from "@/lib/probe-runs/service";
import type { ProbeRunView } from "@/lib/probe-runs/view";
import type { ReopenMode } from "@/lib/validation/staff-forms";

import { canManageCustomer, type StaffActor } from "./access";
import { CustomerActionError, CustomerNotFoundError } from "./errors";

export type ReopenedCustomer = {
  companyName: string;
  hrAdminEmail: string | null;
  linkSessionId: string;
  /** The new link's token, returned once. Only its hash is stored. */
  token: string;
  expiresAt: Date;
  revokedLinkSessionIds: string[];
  /** The check of the stored credentials, for a recheck. */
  recheck?: ProbeRunView;
  /** Reason the recheck did not run. The new link works all the same. */
  recheckProblem?: string;
};

export const NOT_ALLOWED_MESSAGE =
  "Only support, admins and the customer's own CSM can do this for this customer.";

const RECHECK_WITHOUT_CREDENTIALS_MESSAGE =
  'No HiBob credentials are stored for this customer, so there is nothing to check again. Reopen with "Enter new credentials" instead.';

const RECHECK_FAILED_MESSAGE =
  'The new link works, but the check of the stored credentials failed on our side. Use "Run the permission check again" in a minute.';

/**
 * Reopens a customer's setup: revokes every link session that is not revoked
 * yet, creates a new one with the same required categories as the newest
 * session, and records `link.reopened`, all in one transaction. For a
 * recheck it then probes the stored credentials once, as the staff user.
 *
 * @throws CustomerNotFoundError for an unknown customer
 * @throws CustomerActionError when the actor may not manage the customer, or
 *   a recheck is asked for without stored credentials
 */
export async function reopenCustomer(
  db: Database,
  input: {
    customerId: string;
    mode: ReopenMode;
    reason: string;
    actor: StaffActor;
    ttlDays: number;
    keys: readonly EncryptionKey[];
    connectionFor: (environment: HibobEnvironment) => HibobConnection;
    now?: Date;
  },
): Promise<ReopenedCustomer> {
  const now = input.now ?? new Date();

  const reopened = await db.$transaction(async (tx) => {
    // Locks the customer row, so two staff users reopening at once end with
    // one active link instead of two.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM customers WHERE id = ${input.customerId}::uuid FOR UPDATE`;
    if (locked.length === 0) {
      throw new CustomerNotFoundError(input.customerId);
    }
    const customer = await tx.customer.findUniqueOrThrow({
      where: { id: input.customerId },
      select: {
        companyName: true,
        hrAdminEmail: true,
        hibobEnvironment: true,
        ownerId: true,
        credential: { select: { id: true } },
      },
    });
    if (!canManageCustomer(input.actor, customer)) {
      throw new CustomerActionError(NOT_ALLOWED_MESSAGE);
    }
    if (input.mode === "recheck" && !customer.credential) {
      throw new CustomerActionError(RECHECK_WITHOUT_CREDENTIALS_MESSAGE, {
        mode: RECHECK_WITHOUT_CREDENTIALS_MESSAGE,
      });
    }

    const newest = await tx.linkSession.findFirst({
      where: { customerId: input.customerId },
      orderBy: { createdAt: "desc" },
      select: { requiredCategories: true },
    });
    const requiredCategories = newest
      ? PERMISSION_CATEGORY_IDS.filter((id) => newest.requiredCategories.includes(id))
      : [...PERMISSION_CATEGORY_IDS];

    const active = await tx.linkSession.findMany({
      where: { customerId: input.customerId, status: { not: "revoked" } },
      select: { id: true },
    });
    const revokedLinkSessionIds = active.map((session) => session.id);
    await tx.linkSession.updateMany({
      where: { id: { in: revokedLinkSessionIds } },
      data: { status: "revoked", revokedAt: now },
    });

    const link = await createLinkSession(tx, {
      customerId: input.customerId,
      requiredCategories,
      ttlDays: input.ttlDays,
      mode: input.mode,
      reopenReason: input.reason,
      createdById: input.actor.id,
      now,
    });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: input.actor.id,
      action: "link.reopened",
      customerId: input.customerId,
      linkSessionId: link.linkSessionId,
      details: {
        mode: input.mode,
        reason: input.reason,
        expiresAt: link.expiresAt.toISOString(),
        revokedLinkSessionIds,
      },
    });

    return {
      companyName: customer.companyName,
      hrAdminEmail: customer.hrAdminEmail,
      hibobEnvironment: customer.hibobEnvironment,
      requiredCategories,
      linkSessionId: link.linkSessionId,
      token: link.token,
      expiresAt: link.expiresAt,
      revokedLinkSessionIds,
    };
  });

  const result: ReopenedCustomer = {
    companyName: reopened.companyName,
    hrAdminEmail: reopened.hrAdminEmail,
    linkSessionId: reopened.linkSessionId,
    token: reopened.token,
    expiresAt: reopened.expiresAt,
    revokedLinkSessionIds: reopened.revokedLinkSessionIds,
  };
  if (input.mode === "recheck") {
    // The link exists from here on, so a failed check must not lose its token.
    try {
      result.recheck = await recheckPermissions(db, {
        customerId: input.customerId,
        linkSessionId: reopened.linkSessionId,
        requiredCategories: reopened.requiredCategories,
        keys: input.keys,
        connection: input.connectionFor(reopened.hibobEnvironment),
        trigger: "staff",
        actor: { type: "staff", id: input.actor.id },
      });
    } catch (error) {
      if (error instanceof ProbeRunInProgressError) {
        result.recheckProblem = `The new link works. ${error.message}`;
      } else {
        logger.error(
          {
            err: error,
            customerId: input.customerId,
            linkSessionId: reopened.linkSessionId,
          },
          "Permission check after reopening failed",
        );
        result.recheckProblem = RECHECK_FAILED_MESSAGE;
      }
    }
  }
  return result;
}
