// Staff-facing names of stored values. Plain data, shared by server code and
// components.
import type {
  HibobEnvironment,
  LinkSessionMode,
  LinkSessionStatus,
  ProbeOutcome,
} from "@/lib/generated/prisma/enums";

export const OUTCOME_LABELS: Record<ProbeOutcome, string> = {
  all_granted: "All permissions granted",
  missing_permissions: "Missing permissions",
  no_employees_visible: "No employees visible",
  invalid_credentials: "Invalid credentials",
  unreachable: "HiBob unreachable",
  timed_out: "HiBob timed out",
  rate_limited: "Rate-limited by HiBob",
  error: "Check failed",
};

export const LINK_MODE_LABELS: Record<LinkSessionMode, string> = {
  initial: "First setup",
  recheck: "Reopened: check the stored credentials again",
  relink: "Reopened: enter new credentials",
};

export const LINK_STATUS_LABELS: Record<LinkSessionStatus, string> = {
  pending: "Not opened yet",
  in_progress: "Opened",
  submitted: "Credentials submitted",
  revoked: "Replaced or withdrawn",
};

export const ENVIRONMENT_LABELS: Record<HibobEnvironment, string> = {
  production: "Production",
  sandbox: "Sandbox",
};

/** Returns the label of a stored value, or the value itself when it is unknown. */
export function labelOf<Key extends string>(
  labels: Record<Key, string>,
  value: string | null | undefined,
): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return value in labels ? labels[value as Key] : value;
}
