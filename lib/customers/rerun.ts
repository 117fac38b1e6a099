import "server-only";

import { UnknownEncryptionKeyError } from "@/lib/credentials/service";
import type { EncryptionKey } from "@/lib/crypto/secret-box";
import type { Database } from "@/lib/db/types";
import type { HibobEnvironment } from "@/lib/generated/prisma/enums";
import { PERMISSION_CATEGORY_IDS } from "@/lib/hibob/categories";
import { logger } from "@/lib/logger";
import {
  NoStoredCredentialError,
  ProbeRunInProgressError,
  recheckPermissions,
  type HibobConnection,
} from "@/lib/probe-runs/service";
import type { ProbeRunView } from "@/lib/probe-runs/view";

import { canManageCustomer, type StaffActor } from "./access";
import { CustomerActionError, CustomerNotFoundError } from "./errors";
import { NOT_ALLOWED_MESSAGE } from "./reopen";

export const NO_CREDENTIALS_MESSAGE =
  "No HiBob credentials are stored for this customer yet, so there is nothing to check. The HR admin enters them in step 3 of the setup link.";

/**
 * Probes a customer's stored credentials again on behalf of a staff user,
 * with the required categories of the newest link session. The run is
 * recorded with trigger "staff" and audited as `probe.rechecked`.
 *
 * @throws CustomerNotFoundError for an unknown customer
 * @throws CustomerActionError when the actor may not manage the customer, no
 *   credentials are stored, their encryption key is not configured, or
 *   another check for the customer is still running
 */
export async function rerunCustomerProbe(
  db: Database,
  input: {
    customerId: string;
    actor: StaffActor;
    keys: readonly EncryptionKey[];
    connectionFor: (environment: HibobEnvironment) => HibobConnection;
  },
): Promise<ProbeRunView> {
  const customer = await db.customer.findUnique({
    where: { id: input.customerId },
    select: {
      ownerId: true,
      hibobEnvironment: true,
      linkSessions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { requiredCategories: true },
      },
    },
  });
  if (!customer) {
    throw new CustomerNotFoundError(input.customerId);
  }
  if (!canManageCustomer(input.actor, customer)) {
    throw new CustomerActionError(NOT_ALLOWED_MESSAGE);
  }

  const newest = customer.linkSessions[0];
  const requiredCategories = newest
    ? PERMISSION_CATEGORY_IDS.filter((id) => newest.requiredCategories.includes(id))
    : [...PERMISSION_CATEGORY_IDS];

  try {
    return await recheckPermissions(db, {
      customerId: input.customerId,
      linkSessionId: null,
      requiredCategories,
      keys: input.keys,
      connection: input.connectionFor(customer.hibobEnvironment),
      trigger: "staff",
      actor: { type: "staff", id: input.actor.id },
    });
  } catch (error) {
    if (error instanceof NoStoredCredentialError) {
      throw new CustomerActionError(NO_CREDENTIALS_MESSAGE);
    }
    if (error instanceof ProbeRunInProgressError) {
      throw new CustomerActionError(error.message);
    }
    if (error instanceof UnknownEncryptionKeyError) {
      logger.error(
        { err: error, customerId: input.customerId },
        "Stored HiBob token cannot be decrypted: its key is not configured",
      );
      throw new CustomerActionError(error.message);
    }
    throw error;
  }
}
