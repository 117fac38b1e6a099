// What the wizard and the staff console show of a probe run. Plain data, so
// it can cross from server components to client components.
import type { PermissionCategoryId, PermissionKind } from "@/lib/hibob/categories";
import type { CategoryStatus, ProbeOutcome } from "@/lib/probe/types";

export type { CategoryStatus, ProbeOutcome };

export type CategoryResultView = {
  id: PermissionCategoryId;
  name: string;
  status: CategoryStatus;
  missing: PermissionKind[];
  unverified: PermissionKind[];
  hibobCategoryName: string | null;
  fix: string;
};

export type ProbeRunView = {
  id: string;
  status: "running" | "completed" | "failed";
  outcome: ProbeOutcome | null;
  /** Summary for the HR admin. */
  message: string;
  employeesVisible: number | null;
  accessScope: {
    status: "complete" | "incomplete" | "unverifiable" | null;
    missingLifecycleStatuses: string[];
    fix: string;
  };
  categories: CategoryResultView[];
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
};
