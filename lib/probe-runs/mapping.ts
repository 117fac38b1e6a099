// Turns stored probe runs into the view the pages show.
import type { ProbeCategoryResult, ProbeRun } from "@/lib/generated/prisma/client";
import { PERMISSION_CATEGORY_IDS, getPermissionCategory } from "@/lib/hibob/categories";

import type { ProbeRunView } from "./view";

const RUNNING_MESSAGE = "The permission check is still running.";

export function toProbeRunView(
  run: ProbeRun & { results: ProbeCategoryResult[] },
): ProbeRunView {
  const order = (id: string) => PERMISSION_CATEGORY_IDS.indexOf(id as never);
  const results = [...run.results].sort((a, b) => order(a.category) - order(b.category));

  return {
    id: run.id,
    status: run.status,
    outcome: run.outcome,
    message: run.summary ?? (run.status === "running" ? RUNNING_MESSAGE : ""),
    employeesVisible: run.employeesVisible,
    accessScope: {
      status: run.accessScopeStatus,
      missingLifecycleStatuses: run.missingLifecycleStatuses,
      fix: run.accessScopeFix ?? "",
    },
    categories: results.map((result) => ({
      id: result.category,
      name: getPermissionCategory(result.category).name,
      status: result.status,
      missing: result.missing,
      unverified: result.unverified,
      hibobCategoryName: result.hibobCategoryName,
      fix: result.fix,
    })),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
  };
}
