// Where a customer's onboarding stands. The stage is derived from the newest
// link session and the newest finished probe run, and stored on the customer
// so the dashboard can filter, count and sort in one query.
import type {
  LinkSessionMode,
  LinkSessionStatus,
  OnboardingStage,
  ProbeOutcome,
} from "@/lib/generated/prisma/enums";

/** Stages the dashboard shows: the stored ones plus "expired", which depends on the time. */
export type DashboardStage = OnboardingStage | "expired";

export const DASHBOARD_STAGES: readonly DashboardStage[] = [
  "link_sent",
  "link_opened",
  "step_1_done",
  "step_2_done",
  "credentials_submitted",
  "invalid_credentials",
  "missing_permissions",
  "connected",
  "expired",
  "reopened",
];

export const STAGE_LABELS: Record<DashboardStage, string> = {
  link_sent: "Link sent",
  link_opened: "Link opened",
  step_1_done: "Step 1 done",
  step_2_done: "Step 2 done",
  credentials_submitted: "Credentials submitted",
  invalid_credentials: "Invalid credentials",
  missing_permissions: "Missing permissions",
  connected: "Connected",
  expired: "Link expired",
  reopened: "Reopened",
};

export type StageInputs = {
  latestSession: {
    createdAt: Date;
    mode: LinkSessionMode;
    status: LinkSessionStatus;
    currentStep: number;
    openedAt: Date | null;
  } | null;
  latestRun: { startedAt: Date; outcome: ProbeOutcome | null } | null;
  hasCredential: boolean;
};

/** Outcomes that say nothing about permissions, because HiBob did not answer. */
const TRANSIENT_OUTCOMES = new Set<ProbeOutcome>([
  "unreachable",
  "timed_out",
  "rate_limited",
  "error",
]);

function stageFromProgress(
  session: NonNullable<StageInputs["latestSession"]>,
): OnboardingStage {
  if (session.status === "submitted") {
    return "credentials_submitted";
  }
  if (session.currentStep >= 3) {
    return "step_2_done";
  }
  if (session.currentStep === 2) {
    return "step_1_done";
  }
  return session.openedAt ? "link_opened" : "link_sent";
}

/** Computes the stored stage from a customer's newest link session and probe run. */
export function computeStage({
  latestSession,
  latestRun,
  hasCredential,
}: StageInputs): OnboardingStage {
  const runIsCurrent =
    latestRun !== null &&
    (latestSession === null ||
      latestRun.startedAt.getTime() >= latestSession.createdAt.getTime());

  if (
    latestSession &&
    latestSession.mode !== "initial" &&
    !latestSession.openedAt &&
    !runIsCurrent
  ) {
    return "reopened";
  }

  if (runIsCurrent && latestRun.outcome && !TRANSIENT_OUTCOMES.has(latestRun.outcome)) {
    switch (latestRun.outcome) {
      case "all_granted":
        return "connected";
      case "invalid_credentials":
        return "invalid_credentials";
      default:
        return "missing_permissions";
    }
  }

  if (runIsCurrent && hasCredential) {
    return "credentials_submitted";
  }
  return latestSession ? stageFromProgress(latestSession) : "link_sent";
}

/** The stage to show: an unfinished onboarding whose link has run out shows as expired. */
export function toDashboardStage(
  stage: OnboardingStage,
  linkExpiresAt: Date | null,
  now: Date = new Date(),
): DashboardStage {
  if (
    stage !== "connected" &&
    linkExpiresAt !== null &&
    linkExpiresAt.getTime() <= now.getTime()
  ) {
    return "expired";
  }
  return stage;
}
