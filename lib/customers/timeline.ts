// Turns audit events into the customer page's timeline: a label per action,
// who acted and the facts worth showing. Unknown actions keep their name, so
// events added later still appear.
import type { AuditActorType } from "@/lib/generated/prisma/enums";
import { getPermissionCategory, isPermissionCategoryId } from "@/lib/hibob/categories";

import { LINK_MODE_LABELS, OUTCOME_LABELS, labelOf } from "./labels";

export type TimelineEntry = {
  id: string;
  occurredAt: Date;
  action: string;
  label: string;
  /** "HR admin", a staff user's email, or "System". */
  actor: string;
  /** Facts from the event, such as the probe outcome or the reopen reason. */
  details: string[];
};

export type AuditEventRow = {
  id: bigint;
  occurredAt: Date;
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  details: unknown;
};

const ACTION_LABELS: Record<string, string> = {
  "customer.created": "Customer created",
  "link.created": "Setup link created",
  "link.emailed": "Setup link emailed to the HR admin",
  "link.reopened": "Setup reopened with a new link",
  "link.opened": "HR admin opened the setup link",
  "wizard.step_completed": "HR admin completed a wizard step",
  "credentials.stored": "Credentials stored",
  "credentials.replaced": "Credentials replaced",
  "credentials.rejected": "Credentials rejected by HiBob",
  "credentials.reencrypted": "Stored token encrypted with a new key",
  "probe.completed": "Permission check finished",
  "probe.rechecked": "Permissions checked again",
};

type Details = Record<string, unknown>;

function asDetails(value: unknown): Details {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Details)
    : {};
}

function stringField(details: Details, key: string): string | null {
  const value = details[key];
  return typeof value === "string" && value !== "" ? value : null;
}

function describeDetails(action: string, details: Details): string[] {
  const lines: string[] = [];
  const outcome = labelOf(OUTCOME_LABELS, stringField(details, "outcome"));
  if (outcome) {
    lines.push(`Result: ${outcome}`);
  }

  const mode = labelOf(LINK_MODE_LABELS, stringField(details, "mode"));
  if (mode && action !== "link.created") {
    lines.push(mode);
  }

  const reason = stringField(details, "reason");
  if (reason) {
    lines.push(`Reason: ${reason}`);
  }

  if (typeof details.step === "number") {
    lines.push(`Step ${details.step} of 3`);
  }

  const serviceUserId = stringField(details, "serviceUserId");
  if (serviceUserId) {
    lines.push(`Service user ${serviceUserId}`);
  }

  const tokenLastFour = stringField(details, "tokenLastFour");
  if (tokenLastFour) {
    lines.push(`Token ending in ${tokenLastFour}`);
  }

  const recipient = stringField(details, "to");
  if (recipient) {
    lines.push(`Sent to ${recipient}`);
  }

  const expiresAt = stringField(details, "expiresAt");
  if (expiresAt) {
    lines.push(`Link works until ${expiresAt.slice(0, 16).replace("T", " ")} UTC`);
  }

  if (Array.isArray(details.requiredCategories)) {
    const names = details.requiredCategories
      .filter((id): id is string => typeof id === "string")
      .filter(isPermissionCategoryId)
      .map((id) => getPermissionCategory(id).name);
    if (names.length > 0) {
      lines.push(`Categories: ${names.join(", ")}`);
    }
  }

  return lines;
}

function describeActor(
  event: AuditEventRow,
  staffEmails: ReadonlyMap<string, string>,
): string {
  switch (event.actorType) {
    case "hr_admin":
      return "HR admin";
    case "system":
      return "System";
    case "staff":
      if (event.actorId === null) {
        return "Staff";
      }
      return staffEmails.get(event.actorId) ?? `Staff user ${event.actorId} (removed)`;
  }
}

/** Builds timeline entries; `staffEmails` maps staff user ids to email addresses. */
export function toTimelineEntries(
  events: readonly AuditEventRow[],
  staffEmails: ReadonlyMap<string, string>,
): TimelineEntry[] {
  return events.map((event) => ({
    id: event.id.toString(),
    occurredAt: event.occurredAt,
    action: event.action,
    label: ACTION_LABELS[event.action] ?? event.action,
    actor: describeActor(event, staffEmails),
    details: describeDetails(event.action, asDetails(event.details)),
  }));
}
