import type { Metadata } from "next";
import Link from "next/link";

import { DashboardFilters } from "@/components/staff/dashboard-filters";
import { DashboardPagination } from "@/components/staff/dashboard-pagination";
import { DashboardStageCounts } from "@/components/staff/dashboard-stage-counts";
import { DashboardTable } from "@/components/staff/dashboard-table";
import { primaryButtonClass } from "@/components/ui/button-styles";
import { loadStaffPage } from "@/lib/auth/staff";
import { DASHBOARD_ROLES, canCreateCustomer } from "@/lib/customers/access";
import { loadDashboard } from "@/lib/dashboard/load";

export const metadata: Metadata = { title: "Customers" };

export default async function DashboardPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const query = await searchParams;
  const {
    user,
    data: { page, owners },
  } = await loadStaffPage(DASHBOARD_ROLES, (caller) => loadDashboard(caller, query));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Customers</h1>
        {canCreateCustomer(user) ? (
          <Link href="/staff/customers/new" className={primaryButtonClass}>
            New customer
          </Link>
        ) : null}
      </div>
      <DashboardStageCounts params={page.params} counts={page.stageCounts} />
      <DashboardFilters params={page.params} owners={owners} />
      <DashboardTable params={page.params} rows={page.rows} total={page.total} />
      <DashboardPagination params={page.params} pageCount={page.pageCount} />
    </div>
  );
}
