import "server-only";

import { recordAuditEvent } from "@/lib/audit";
import { refreshCustomerSummary } from "@/lib/onboarding/refresh-summary";
import type { Database, DatabaseExecutor } from "@/lib/db/types";
import type {
  HibobEnvironment,
  LinkSessionMode,
  LinkSessionStatus,
  PermissionCategory,
} from "@/lib/generated/prisma/client";
import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

import {
  createLinkToken,
  hashLinkToken,
  isWellFormedLinkToken,
  linkTokenMatchesHash,
} from "./link-token";

export const WIZARD_STEPS = [1, 2, 3] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type ActiveLinkSession = {
  id: string;
  customerId: string;
  companyName: string;
  hibobEnvironment: HibobEnvironment;
  status: LinkSessionStatus;
  currentStep: WizardStep;
  requiredCategories: PermissionCategoryId[];
  expiresAt: Date;
  openedAt: Date | null;
};

export type LinkResolution =
  | { kind: "active"; session: ActiveLinkSession }
  | { kind: "not_found" }
  | { kind: "expired"; companyName: string }
  | { kind: "revoked"; companyName: string };

function toWizardStep(value: number): WizardStep {
  if (value >= 3) {
    return 3;
  }
  return value <= 1 ? 1 : 2;
}

/** Sorts categories into the catalogue's order and drops unknown values. */
function toCategoryIds(values: PermissionCategory[]): PermissionCategoryId[] {
  return PERMISSION_CATEGORY_IDS.filter((id) => values.includes(id));
}

/**
 * Finds the link session a token opens. The result distinguishes unknown,
 * revoked and expired links, so the page can explain which one it is.
 */
export async function resolveLinkSession(
  db: DatabaseExecutor,
  token: string,
  now: Date = new Date(),
): Promise<LinkResolution> {
  if (!isWellFormedLinkToken(token)) {
    return { kind: "not_found" };
  }

  const row = await db.linkSession.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { customer: { select: { companyName: true, hibobEnvironment: true } } },
  });
  // The lookup goes through a unique index on the hash; the constant-time
  // comparison makes sure a match is exact and does not leak timing.
  if (!row || !linkTokenMatchesHash(token, row.tokenHash)) {
    return { kind: "not_found" };
  }
  if (row.status === "revoked" || row.revokedAt) {
    return { kind: "revoked", companyName: row.customer.companyName };
  }
  if (row.expiresAt.getTime() <= now.getTime()) {
    return { kind: "expired", companyName: row.customer.companyName };
  }

  return {
    kind: "active",
    session: {
      id: row.id,
      customerId: row.customerId,
      companyName: row.customer.companyName,
      hibobEnvironment: row.customer.hibobEnvironment,
      status: row.status,
      currentStep: toWizardStep(row.currentStep),
      requiredCategories: toCategoryIds(row.requiredCategories),
      expiresAt: row.expiresAt,
      openedAt: row.openedAt,
    },
  };
}

/** Marks the session opened on its first visit and records the visit time. */
export async function recordLinkOpened(
  db: Database,
  session: ActiveLinkSession,
  now: Date = new Date(),
): Promise<void> {
  if (session.openedAt) {
    await db.$transaction(async (tx) => {
      await tx.linkSession.update({
        where: { id: session.id },
        data: { lastActivityAt: now },
      });
      await refreshCustomerSummary(tx, session.customerId);
    });
    return;
  }

  await db.$transaction(async (tx) => {
    const { count } = await tx.linkSession.updateMany({
      where: { id: session.id, openedAt: null },
      data: {
        openedAt: now,
        lastActivityAt: now,
        status: session.status === "pending" ? "in_progress" : session.status,
      },
    });
    // Two tabs opening the link at once must record one "opened" event.
    if (count === 1) {
      await recordAuditEvent(tx, {
        actorType: "hr_admin",
        action: "link.opened",
        customerId: session.customerId,
        linkSessionId: session.id,
      });
    }
    await refreshCustomerSummary(tx, session.customerId);
  });
}

/**
 * Records that the HR admin finished a teaching step, so the wizard reopens
 * at the next step on any device.
 */
export async function completeWizardStep(
  db: Database,
  session: ActiveLinkSession,
  step: 1 | 2,
  now: Date = new Date(),
): Promise<WizardStep> {
  const nextStep = toWizardStep(Math.max(session.currentStep, step + 1));

  await db.$transaction(async (tx) => {
    await tx.linkSession.update({
      where: { id: session.id },
      data: {
        currentStep: nextStep,
        lastActivityAt: now,
        status: session.status === "pending" ? "in_progress" : session.status,
      },
    });
    if (nextStep > session.currentStep) {
      await recordAuditEvent(tx, {
        actorType: "hr_admin",
        action: "wizard.step_completed",
        customerId: session.customerId,
        linkSessionId: session.id,
        details: { step },
      });
    }
    await refreshCustomerSummary(tx, session.customerId);
  });

  return nextStep;
}

export type CreateLinkSessionInput = {
  customerId: string;
  requiredCategories: readonly PermissionCategoryId[];
  ttlDays: number;
  mode?: LinkSessionMode;
  reopenReason?: string;
  createdById?: string | null;
  now?: Date;
};

/**
 * Creates a link session and returns its token. The token is not stored and
 * cannot be recovered later, only replaced. Pass a transaction when other
 * changes must land together with the link.
 */
export async function createLinkSession(
  db: DatabaseExecutor,
  input: CreateLinkSessionInput,
): Promise<{ linkSessionId: string; token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = createLinkToken();
  const expiresAt = new Date(now.getTime() + input.ttlDays * 24 * 60 * 60 * 1000);

  const session = await db.linkSession.create({
    data: {
      customerId: input.customerId,
      mode: input.mode ?? "initial",
      reopenReason: input.reopenReason ?? null,
      createdById: input.createdById ?? null,
      requiredCategories: PERMISSION_CATEGORY_IDS.filter((id) =>
        input.requiredCategories.includes(id),
      ),
      tokenHash: hashLinkToken(token),
      expiresAt,
      lastActivityAt: now,
    },
  });

  await refreshCustomerSummary(db, input.customerId);

  return { linkSessionId: session.id, token, expiresAt };
}
