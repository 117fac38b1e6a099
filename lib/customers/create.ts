import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import { createLinkSession } from "@/lib/link-sessions/service";
import type { CreateCustomerValues } from "@/lib/validation/staff-forms";

import type { StaffActor } from "./access";
import { CustomerActionError } from "./errors";

export type CreatedCustomer = {
  customerId: string;
  linkSessionId: string;
  /** The link token, returned once. Only its hash is stored. */
  token: string;
  expiresAt: Date;
};

/**
 * Picks the owner of a new customer: a CSM always owns what they create, and
 * an admin may choose any active CSM or leave the customer unassigned.
 */
async function resolveOwnerId(
  db: Database,
  actor: StaffActor,
  requestedOwnerId: string,
): Promise<string | null> {
  if (actor.role === "csm") {
    return actor.id;
  }
  if (requestedOwnerId === "") {
    return null;
  }
  const owner = await db.user.findFirst({
    where: { id: requestedOwnerId, role: "csm", active: true },
    select: { id: true },
  });
  if (!owner) {
    throw new CustomerActionError("Choose an active CSM as the owner.", {
      ownerId: "Choose an active CSM from the list, or leave the customer unassigned.",
    });
  }
  return owner.id;
}

/**
 * Creates a customer with its first setup link in one transaction, and
 * records `customer.created` and `link.created`. The caller has checked that
 * the actor may create customers.
 */
export async function createCustomer(
  db: Database,
  input: { values: CreateCustomerValues; actor: StaffActor; now?: Date },
): Promise<CreatedCustomer> {
  const { values, actor } = input;
  const ownerId = await resolveOwnerId(db, actor, values.ownerId);

  return db.$transaction(async (tx) => {
    const customer = await tx.customer.create({
      data: {
        companyName: values.companyName,
        hrAdminEmail: values.hrAdminEmail,
        hibobEnvironment: values.hibobEnvironment,
        ownerId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "customer.created",
      customerId: customer.id,
      details: {
        companyName: values.companyName,
        hibobEnvironment: values.hibobEnvironment,
        ownerId,
      },
    });

    const link = await createLinkSession(tx, {
      customerId: customer.id,
      requiredCategories: values.requiredCategories,
      ttlDays: values.linkTtlDays,
      mode: "initial",
      createdById: actor.id,
      ...(input.now ? { now: input.now } : {}),
    });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "link.created",
      customerId: customer.id,
      linkSessionId: link.linkSessionId,
      details: {
        mode: "initial",
        expiresAt: link.expiresAt.toISOString(),
        requiredCategories: values.requiredCategories,
      },
    });

    return {
      customerId: customer.id,
      linkSessionId: link.linkSessionId,
      token: link.token,
      expiresAt: link.expiresAt,
    };
  });
}
