import { STAGE_LABELS, type DashboardStage } from "@/lib/onboarding/stage";

const STAGE_STYLES: Record<DashboardStage, string> = {
  link_sent: "border-slate-300 bg-slate-50 text-slate-800",
  link_opened: "border-sky-300 bg-sky-50 text-sky-900",
  step_1_done: "border-sky-300 bg-sky-50 text-sky-900",
  step_2_done: "border-sky-300 bg-sky-50 text-sky-900",
  credentials_submitted: "border-indigo-300 bg-indigo-50 text-indigo-900",
  invalid_credentials: "border-red-300 bg-red-50 text-red-900",
  missing_permissions: "border-amber-300 bg-amber-50 text-amber-950",
  connected: "border-emerald-300 bg-emerald-50 text-emerald-900",
  expired: "border-red-300 bg-red-50 text-red-900",
  reopened: "border-violet-300 bg-violet-50 text-violet-900",
};

/** Returns the stage's label, with the number of items to fix for missing permissions. */
export function stageText(stage: DashboardStage, missingCount: number | null): string {
  if (stage === "missing_permissions" && missingCount !== null && missingCount > 0) {
    return `${STAGE_LABELS[stage]} (${missingCount})`;
  }
  return STAGE_LABELS[stage];
}

export function StageBadge({
  stage,
  missingCount = null,
}: Readonly<{ stage: DashboardStage; missingCount?: number | null }>) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${STAGE_STYLES[stage]}`}
    >
      {stageText(stage, missingCount)}
    </span>
  );
}
