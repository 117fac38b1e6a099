import "server-only";

// Staff management: listing, inviting, changing roles, deactivating and
// reactivating staff users. Each change is written with its audit event in
// one transaction. The caller has checked that the actor is an admin.
import { recordAuditEvent } from "@/lib/audit";
import type { Database, Transaction } from "@/lib/db/types";

import type {
  ChangeRoleValues,
  InviteStaffValues,
  StaffUserIdValues,
} from "./staff-admin-schema";
import type { StaffRole, StaffUser } from "./types";

export type StaffListEntry = {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
  active: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
};

/** A refused change, with a message for the user and optional field errors. */
export class StaffAdminError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = "StaffAdminError";
  }
}

const UNKNOWN_USER_MESSAGE =
  "This staff user does not exist any more. Reload the page to see the current list.";

/** Lists every staff user, active ones first, with the time of their last sign-in. */
export async function listStaffUsers(db: Database): Promise<StaffListEntry[]> {
  const users = await db.user.findMany({
    orderBy: [{ active: "desc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      createdAt: true,
    },
  });
  const lastSignIns = await db.auditEvent.groupBy({
    by: ["actorId"],
    where: { action: "staff.signed_in", actorId: { in: users.map((user) => user.id) } },
    _max: { occurredAt: true },
  });
  const lastSignInById = new Map(
    lastSignIns.map((entry) => [entry.actorId, entry._max.occurredAt]),
  );
  return users.map((user) => ({
    ...user,
    lastSignInAt: lastSignInById.get(user.id) ?? null,
  }));
}

/**
 * Locks the active admins' rows and throws when `userId` is the only one, so
 * two admins demoting each other at the same time cannot leave none.
 */
async function assertNotLastActiveAdmin(
  tx: Transaction,
  userId: string,
  refusal: string,
): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'admin' AND active = true FOR UPDATE`;
  const others = admins.filter((admin) => admin.id !== userId);
  if (admins.some((admin) => admin.id === userId) && others.length === 0) {
    throw new StaffAdminError(refusal);
  }
}

async function findStaffUser(tx: Transaction, userId: string) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, role: true, active: true },
  });
  if (!user) {
    throw new StaffAdminError(UNKNOWN_USER_MESSAGE);
  }
  return user;
}

/** Creates an active staff user who can sign in with their email address. */
export async function inviteStaffUser(
  db: Database,
  actor: StaffUser,
  values: InviteStaffValues,
): Promise<{ id: string; email: string }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email: values.email },
      select: { active: true },
    });
    if (existing) {
      throw new StaffAdminError("This address is already a staff user.", {
        email: existing.active
          ? "This address is already a staff user. Change their role in the list instead."
          : "This address belongs to a deactivated staff user. Reactivate them in the list instead.",
      });
    }
    const user = await tx.user.create({
      data: {
        email: values.email,
        name: values.name,
        role: values.role,
        active: true,
        invitedById: actor.id,
      },
      select: { id: true, email: true },
    });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "staff.invited",
      details: { userId: user.id, email: user.email, role: values.role },
    });
    return user;
  });
}

/** Changes a staff user's role; refuses to demote the last active admin. */
export async function changeStaffRole(
  db: Database,
  actor: StaffUser,
  values: ChangeRoleValues,
): Promise<{ email: string; from: StaffRole; to: StaffRole }> {
  return db.$transaction(async (tx) => {
    const user = await findStaffUser(tx, values.userId);
    if (user.role === values.role) {
      return { email: user.email, from: user.role, to: values.role };
    }
    if (user.role === "admin") {
      await assertNotLastActiveAdmin(
        tx,
        user.id,
        user.id === actor.id
          ? "You are the only active admin, so you cannot give up the admin role. Make someone else an admin first."
          : "This is the only active admin. Make someone else an admin first.",
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { role: values.role } });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "staff.role_changed",
      details: { userId: user.id, email: user.email, from: user.role, to: values.role },
    });
    return { email: user.email, from: user.role, to: values.role };
  });
}

/**
 * Deactivates a staff user and deletes their sessions, which signs them out
 * everywhere; refuses to deactivate the last active admin.
 */
export async function deactivateStaffUser(
  db: Database,
  actor: StaffUser,
  values: StaffUserIdValues,
): Promise<{ email: string; sessionsEnded: number }> {
  return db.$transaction(async (tx) => {
    const user = await findStaffUser(tx, values.userId);
    if (!user.active) {
      return { email: user.email, sessionsEnded: 0 };
    }
    if (user.role === "admin") {
      await assertNotLastActiveAdmin(
        tx,
        user.id,
        user.id === actor.id
          ? "You are the only active admin, so you cannot deactivate yourself. Make someone else an admin first."
          : "This is the only active admin. Make someone else an admin first.",
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { active: false } });
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "staff.deactivated",
      details: { userId: user.id, email: user.email, sessionsEnded: sessions.count },
    });
    return { email: user.email, sessionsEnded: sessions.count };
  });
}

/** Lets a deactivated staff user sign in again, with the role they had. */
export async function reactivateStaffUser(
  db: Database,
  actor: StaffUser,
  values: StaffUserIdValues,
): Promise<{ email: string }> {
  return db.$transaction(async (tx) => {
    const user = await findStaffUser(tx, values.userId);
    if (user.active) {
      return { email: user.email };
    }
    await tx.user.update({ where: { id: user.id }, data: { active: true } });
    await recordAuditEvent(tx, {
      actorType: "staff",
      actorId: actor.id,
      action: "staff.reactivated",
      details: { userId: user.id, email: user.email },
    });
    return { email: user.email };
  });
}
