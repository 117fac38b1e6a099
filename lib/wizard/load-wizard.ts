import "server-only";

import { db } from "@/lib/db";
import type { CredentialSummary } from "@/lib/credentials/service";
import {
  recordLinkOpened,
  resolveLinkSession,
  type ActiveLinkSession,
  type WizardStep,
} from "@/lib/link-sessions/service";
import { getCredentialSummary, getLatestProbeRun } from "@/lib/probe-runs/service";
import type { ProbeRunView } from "@/lib/probe-runs/view";

export type WizardState =
  | { kind: "not_found" }
  | { kind: "expired"; companyName: string }
  | { kind: "revoked"; companyName: string }
  | {
      kind: "active";
      session: ActiveLinkSession;
      /** The step to show: the one asked for in the URL if reached, else the furthest one. */
      step: WizardStep;
      credential: CredentialSummary | null;
      latestRun: ProbeRunView | null;
    };

function parseRequestedStep(value: string | undefined): WizardStep | null {
  if (value === "1" || value === "2" || value === "3") {
    return Number(value) as WizardStep;
  }
  return null;
}

/**
 * Loads everything the wizard page shows for a link token, and records the
 * visit. A step beyond the one the HR admin reached falls back to it.
 */
export async function loadWizard(
  token: string,
  requestedStep?: string,
): Promise<WizardState> {
  const resolution = await resolveLinkSession(db, token);
  if (resolution.kind !== "active") {
    return resolution;
  }

  const { session } = resolution;
  await recordLinkOpened(db, session);

  const requested = parseRequestedStep(requestedStep);
  const step =
    requested && requested <= session.currentStep ? requested : session.currentStep;
  const [credential, latestRun, link] = await Promise.all([
    getCredentialSummary(db, session.customerId),
    getLatestProbeRun(db, session.customerId),
    db.linkSession.findUniqueOrThrow({
      where: { id: session.id },
      select: { mode: true, submittedAt: true },
    }),
  ]);

  // A relink session requests new credentials. Until they are submitted
  // through this link, the wizard shows the credential form instead of the
  // stored credentials, which stay in use until HiBob accepts new ones.
  const awaitingNewCredentials = link.mode === "relink" && link.submittedAt === null;
  return {
    kind: "active",
    session,
    step,
    credential: awaitingNewCredentials ? null : credential,
    latestRun,
  };
}
