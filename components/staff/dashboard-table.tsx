import Link from "next/link";

import { OUTCOME_LABELS } from "@/lib/customers/labels";
import {
  DEFAULT_DIRECTIONS,
  dashboardHref,
  type DashboardParams,
  type SortKey,
} from "@/lib/dashboard/params";
import type { DashboardRow } from "@/lib/dashboard/query";

import { DateTime } from "./format";
import { StageBadge } from "./stage-badge";

const numberFormat = new Intl.NumberFormat("en-GB");

const headerClass = "px-3 py-2 text-left text-xs font-semibold tracking-wide uppercase";

function SortableHeader({
  params,
  sort,
  label,
}: Readonly<{ params: DashboardParams; sort: SortKey; label: string }>) {
  const active = params.sort === sort;
  const ascending = params.direction === "asc";
  let nextDirection = DEFAULT_DIRECTIONS[sort];
  let arrow = "";
  let ariaSort: "ascending" | "descending" | undefined;
  if (active) {
    nextDirection = ascending ? "desc" : "asc";
    arrow = ascending ? "▲" : "▼";
    ariaSort = ascending ? "ascending" : "descending";
  }
  return (
    <th scope="col" aria-sort={ariaSort} className={headerClass}>
      <Link
        href={dashboardHref(params, { sort, direction: nextDirection })}
        className="inline-flex items-center gap-1 text-indigo-800 underline-offset-2 hover:underline"
      >
        {label}
        <span aria-hidden="true">{arrow}</span>
        <span className="sr-only">
          , sort {nextDirection === "asc" ? "ascending" : "descending"}
        </span>
      </Link>
    </th>
  );
}

function ProbeSummary({ row }: Readonly<{ row: DashboardRow }>) {
  if (!row.latestProbe) {
    return <span className="text-slate-600">No check yet</span>;
  }
  const { outcome, missingCount, at } = row.latestProbe;
  return (
    <div className="space-y-0.5">
      <div>
        {outcome ? OUTCOME_LABELS[outcome] : "Running"}
        {missingCount !== null && missingCount > 0 ? ` · ${missingCount} to fix` : ""}
      </div>
      <div className="text-xs text-slate-600">
        <DateTime value={at} />
      </div>
    </div>
  );
}

/**
 * Renders the customers of one dashboard page. On narrow screens the table scrolls
 * sideways inside its own focusable region.
 */
export function DashboardTable({
  params,
  rows,
  total,
}: Readonly<{ params: DashboardParams; rows: readonly DashboardRow[]; total: number }>) {
  const first = total === 0 ? 0 : (params.page - 1) * params.pageSize + 1;
  const last = (params.page - 1) * params.pageSize + rows.length;
  return (
    <div
      role="region"
      aria-labelledby="customers-caption"
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm focus:outline-2 focus:outline-indigo-600"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption id="customers-caption" className="px-3 py-2 text-left text-slate-700">
          Customers {numberFormat.format(first)}–{numberFormat.format(last)} of{" "}
          {numberFormat.format(total)}
        </caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <SortableHeader params={params} sort="company" label="Company" />
            <SortableHeader params={params} sort="stage" label="Stage" />
            <SortableHeader params={params} sort="activity" label="Last activity" />
            <th scope="col" className={headerClass}>
              Owner
            </th>
            <th scope="col" className={headerClass}>
              Latest check
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                <Link
                  href={`/staff/customers/${row.id}`}
                  className="text-indigo-800 underline underline-offset-2"
                >
                  {row.companyName}
                </Link>
              </th>
              <td className="px-3 py-2">
                <StageBadge
                  stage={row.stage}
                  missingCount={row.latestProbe?.missingCount ?? null}
                />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <DateTime value={row.lastActivityAt} />
              </td>
              <td className="px-3 py-2">
                {row.owner ? (
                  (row.owner.name ?? row.owner.email)
                ) : (
                  <span className="text-slate-600">Unassigned</span>
                )}
              </td>
              <td className="px-3 py-2">
                <ProbeSummary row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p className="px-3 py-6 text-center text-slate-700">
          No customers match these filters.
        </p>
      ) : null}
    </div>
  );
}
