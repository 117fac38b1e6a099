import Link from "next/link";

import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import type { DashboardOwner } from "@/lib/dashboard/query";
import {
  DEFAULT_DASHBOARD_PARAMS,
  MAX_SEARCH_LENGTH,
  PAGE_SIZES,
  dashboardHref,
  ownerFilterValue,
  type DashboardParams,
} from "@/lib/dashboard/params";
import { DASHBOARD_STAGES, STAGE_LABELS } from "@/lib/onboarding/stage";

const fieldClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm";

function ownerLabel(owner: DashboardOwner): string {
  return owner.name ? `${owner.name} (${owner.email})` : owner.email;
}

/**
 * Search and filters as a plain GET form, so they work before any script
 * loads and every state has its own URL.
 */
export function DashboardFilters({
  params,
  owners,
}: Readonly<{ params: DashboardParams; owners: readonly DashboardOwner[] }>) {
  const ownerValue = ownerFilterValue(params.owner);
  const knownOwner =
    typeof params.owner === "string" || owners.some((owner) => owner.id === ownerValue);

  return (
    <form
      method="get"
      action="/staff"
      role="search"
      aria-label="Filter customers"
      className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
    >
      <div className="space-y-1 lg:col-span-2">
        <label htmlFor="dashboard-search" className="block text-sm font-semibold">
          Company name
        </label>
        <input
          id="dashboard-search"
          type="search"
          name="q"
          defaultValue={params.search}
          maxLength={MAX_SEARCH_LENGTH}
          placeholder="Part of the name"
          className={fieldClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-stage" className="block text-sm font-semibold">
          Stage
        </label>
        <select
          id="dashboard-stage"
          name="stage"
          defaultValue={params.stage ?? ""}
          className={fieldClass}
        >
          <option value="">All stages</option>
          {DASHBOARD_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {STAGE_LABELS[stage]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-owner" className="block text-sm font-semibold">
          Owner
        </label>
        <select
          id="dashboard-owner"
          name="owner"
          defaultValue={knownOwner ? ownerValue : "all"}
          className={fieldClass}
        >
          <option value="all">Everyone</option>
          <option value="mine">Mine</option>
          <option value="unassigned">Unassigned</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {ownerLabel(owner)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="dashboard-size" className="block text-sm font-semibold">
          Rows per page
        </label>
        <select
          id="dashboard-size"
          name="size"
          defaultValue={String(params.pageSize)}
          className={fieldClass}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      {params.sort !== DEFAULT_DASHBOARD_PARAMS.sort ? (
        <input type="hidden" name="sort" value={params.sort} />
      ) : null}
      <input type="hidden" name="dir" value={params.direction} />
      <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
        <button type="submit" className={primaryButtonClass}>
          Apply filters
        </button>
        <Link
          href={dashboardHref(DEFAULT_DASHBOARD_PARAMS, {
            sort: params.sort,
            direction: params.direction,
            pageSize: params.pageSize,
          })}
          className={secondaryButtonClass}
        >
          Clear filters
        </Link>
      </div>
    </form>
  );
}
