import Link from "next/link";

import { dashboardHref, type DashboardParams } from "@/lib/dashboard/params";
import {
  DASHBOARD_STAGES,
  STAGE_LABELS,
  type DashboardStage,
} from "@/lib/onboarding/stage";

const numberFormat = new Intl.NumberFormat("en-GB");

function CountLink({
  href,
  label,
  count,
  current,
}: Readonly<{ href: string; label: string; count: number; current: boolean }>) {
  return (
    <li>
      <Link
        href={href}
        aria-current={current ? "true" : undefined}
        className={`flex h-full flex-col rounded-md border px-3 py-2 text-sm shadow-sm hover:border-indigo-400 ${
          current
            ? "border-indigo-600 bg-indigo-50 ring-1 ring-indigo-600"
            : "border-slate-200 bg-white"
        }`}
      >
        <span className="text-slate-700">{label}</span>
        <span className="text-lg font-semibold text-slate-950">
          {numberFormat.format(count)}
        </span>
      </Link>
    </li>
  );
}

/**
 * Shows the number of customers per stage, each a link that filters the list. The
 * counts follow the owner filter and the search, not the stage filter.
 */
export function DashboardStageCounts({
  params,
  counts,
}: Readonly<{ params: DashboardParams; counts: Record<DashboardStage, number> }>) {
  const all = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return (
    <nav aria-label="Customers by stage">
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
        <CountLink
          href={dashboardHref(params, { stage: null })}
          label="All stages"
          count={all}
          current={params.stage === null}
        />
        {DASHBOARD_STAGES.map((stage) => (
          <CountLink
            key={stage}
            href={dashboardHref(params, { stage })}
            label={STAGE_LABELS[stage]}
            count={counts[stage]}
            current={params.stage === stage}
          />
        ))}
      </ul>
    </nav>
  );
}
