import "server-only";

import type { DatabaseExecutor } from "@/lib/db/types";
import type {
  HibobEnvironment,
  LinkSessionMode,
  LinkSessionStatus,
  ProbeOutcome,
} from "@/lib/generated/prisma/enums";
import {
  PERMISSION_CATEGORY_IDS,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";
import { toDashboardStage, type DashboardStage } from "@/lib/onboarding/stage";
import { getLatestProbeRun } from "@/lib/probe-runs/service";
import type { ProbeRunView } from "@/lib/probe-runs/view";
import { customerIdSchema } from "@/lib/validation/staff-forms";

import { toTimelineEntries, type TimelineEntry } from "./timeline";

/** How many audit events the customer page shows, newest first. */
export const TIMELINE_LIMIT = 200;

/** Stored credential fields the staff console may show, which exclude the token and its ciphertext. */
export type CredentialMetadata = {
  serviceUserId: string;
  tokenLastFour: string;
  storedAt: Date;
  rotatedAt: Date | null;
};

export type LinkSessionSummary = {
  id: string;
  status: LinkSessionStatus;
  mode: LinkSessionMode;
  currentStep: number;
  expiresAt: Date;
  expired: boolean;
  openedAt: Date | null;
  submittedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  reopenReason: string | null;
  requiredCategories: PermissionCategoryId[];
};

export type CustomerDetail = {
  id: string;
  companyName: string;
  hrAdminEmail: string | null;
  hibobEnvironment: HibobEnvironment;
  stage: DashboardStage;
  createdAt: Date;
  lastActivityAt: Date;
  owner: { id: string; name: string | null; email: string } | null;
  latestProbe: {
    outcome: ProbeOutcome | null;
    missingCount: number | null;
    at: Date;
  } | null;
  credential: CredentialMetadata | null;
  /** The newest link session, revoked or not. */
  linkSession: LinkSessionSummary | null;
  /** The newest finished run that used stored credentials, with its categories. */
  latestRun: ProbeRunView | null;
  /** Newest first, at most TIMELINE_LIMIT events. */
  timeline: TimelineEntry[];
  /** Whether the timeline was cut at TIMELINE_LIMIT events. */
  timelineTruncated: boolean;
};

/**
 * Loads everything the customer page shows. Returns null when the id is not
 * a UUID or names no customer.
 */
export async function getCustomerDetail(
  db: DatabaseExecutor,
  customerId: string,
  now: Date = new Date(),
): Promise<CustomerDetail | null> {
  const parsedId = customerIdSchema.safeParse(customerId);
  if (!parsedId.success) {
    return null;
  }
  const id = parsedId.data;

  const customer = await db.customer.findUnique({
    where: { id },
    select: {
      id: true,
      companyName: true,
      hrAdminEmail: true,
      hibobEnvironment: true,
      stage: true,
      linkExpiresAt: true,
      createdAt: true,
      lastActivityAt: true,
      latestProbeOutcome: true,
      latestProbeAt: true,
      missingCount: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!customer) {
    return null;
  }

  const [credential, session, latestRun, events] = await Promise.all([
    db.hibobCredential.findUnique({
      where: { customerId: id },
      select: {
        serviceUserId: true,
        tokenLastFour: true,
        createdAt: true,
        rotatedAt: true,
      },
    }),
    db.linkSession.findFirst({
      where: { customerId: id },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        mode: true,
        currentStep: true,
        expiresAt: true,
        openedAt: true,
        submittedAt: true,
        revokedAt: true,
        createdAt: true,
        reopenReason: true,
        requiredCategories: true,
      },
    }),
    getLatestProbeRun(db, id),
    db.auditEvent.findMany({
      where: { customerId: id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT + 1,
      select: {
        id: true,
        occurredAt: true,
        actorType: true,
        actorId: true,
        action: true,
        details: true,
      },
    }),
  ]);

  const shownEvents = events.slice(0, TIMELINE_LIMIT);
  const staffIds = [
    ...new Set(
      shownEvents
        .filter((event) => event.actorType === "staff" && event.actorId !== null)
        .map((event) => event.actorId as string),
    ),
  ];
  const staff =
    staffIds.length > 0
      ? await db.user.findMany({
          where: { id: { in: staffIds } },
          select: { id: true, email: true },
        })
      : [];

  return {
    id: customer.id,
    companyName: customer.companyName,
    hrAdminEmail: customer.hrAdminEmail,
    hibobEnvironment: customer.hibobEnvironment,
    stage: toDashboardStage(customer.stage, customer.linkExpiresAt, now),
    createdAt: customer.createdAt,
    lastActivityAt: customer.lastActivityAt,
    owner: customer.owner,
    latestProbe: customer.latestProbeAt
      ? {
          outcome: customer.latestProbeOutcome,
          missingCount: customer.missingCount,
          at: customer.latestProbeAt,
        }
      : null,
    credential: credential
      ? {
          serviceUserId: credential.serviceUserId,
          tokenLastFour: credential.tokenLastFour,
          storedAt: credential.createdAt,
          rotatedAt: credential.rotatedAt,
        }
      : null,
    linkSession: session
      ? {
          ...session,
          expired: session.expiresAt.getTime() <= now.getTime(),
          requiredCategories: PERMISSION_CATEGORY_IDS.filter((category) =>
            session.requiredCategories.includes(category),
          ),
        }
      : null,
    latestRun,
    timeline: toTimelineEntries(
      shownEvents,
      new Map(staff.map((user) => [user.id, user.email])),
    ),
    timelineTruncated: events.length > TIMELINE_LIMIT,
  };
}
