import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ProbeResult } from "@/components/probe-result/probe-result";
import {
  CredentialSection,
  CustomerHeader,
  CustomerTimeline,
  LinkSessionSection,
} from "@/components/staff/customer-overview";
import { ReopenForm } from "@/components/staff/reopen-form";
import { RerunProbeButton } from "@/components/staff/rerun-probe-button";
import { loadStaffPage } from "@/lib/auth/staff";
import { CUSTOMER_PAGE_ROLES } from "@/lib/customers/access";
import { loadCustomerPage } from "@/lib/customers/customer-page";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({
  params,
}: Readonly<{ params: Promise<{ customerId: string }> }>) {
  const { customerId } = await params;
  const { data: page } = await loadStaffPage(CUSTOMER_PAGE_ROLES, (caller) =>
    loadCustomerPage(caller, customerId),
  );
  if (!page) {
    notFound();
  }
  const { customer, canManage } = page;

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/staff" className="text-indigo-800 underline">
          Customers
        </Link>
      </nav>

      <CustomerHeader customer={customer} />

      <section aria-labelledby="latest-check-title" className="space-y-3">
        <h2 id="latest-check-title" className="text-xl font-semibold">
          Latest permission check
        </h2>
        {customer.latestRun ? (
          <ProbeResult run={customer.latestRun} headingLevel={3} audience="staff" />
        ) : (
          <p className="text-slate-700">
            No check with stored credentials has finished yet.
          </p>
        )}
        {canManage && customer.credential ? (
          <RerunProbeButton customerId={customer.id} />
        ) : null}
        {canManage && !customer.credential ? (
          <p className="text-sm text-slate-600">
            The check can run again once the HR admin has stored credentials.
          </p>
        ) : null}
      </section>

      <LinkSessionSection customer={customer} />

      {canManage ? (
        <section aria-labelledby="reopen-title" className="space-y-3">
          <h2 id="reopen-title" className="text-xl font-semibold">
            Reopen the setup
          </h2>
          <ReopenForm
            customerId={customer.id}
            hasCredential={customer.credential !== null}
            hrAdminEmail={customer.hrAdminEmail}
          />
        </section>
      ) : (
        <p className="text-sm text-slate-600">
          Only support, admins and the customer&apos;s own CSM can reopen the setup or run
          the check again.
        </p>
      )}

      <CredentialSection customer={customer} />
      <CustomerTimeline customer={customer} />
    </div>
  );
}
