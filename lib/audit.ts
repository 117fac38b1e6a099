import "server-only";

import type { AuditActorType, Prisma } from "@/lib/generated/prisma/client";
import type { DatabaseExecutor } from "@/lib/db/types";

export type AuditEventInput = {
  actorType: AuditActorType;
  /** Staff user id; null for the HR admin, who is identified by the link session. */
  actorId?: string | null;
  action: string;
  customerId?: string | null;
  linkSessionId?: string | null;
  /** Extra facts about the event. Must never contain secrets. */
  details?: Prisma.InputJsonObject;
};

/**
 * Appends one event to the audit log. Pass a transaction so the event is
 * written together with the change it records.
 */
export async function recordAuditEvent(
  db: DatabaseExecutor,
  event: AuditEventInput,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorType: event.actorType,
      actorId: event.actorId ?? null,
      action: event.action,
      customerId: event.customerId ?? null,
      linkSessionId: event.linkSessionId ?? null,
      details: event.details ?? {},
    },
  });
}
