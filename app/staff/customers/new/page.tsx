import type { Metadata } from "next";
import Link from "next/link";

import { CreateCustomerForm } from "@/components/staff/create-customer-form";
import { loadStaffPage } from "@/lib/auth/staff";
import { CREATE_CUSTOMER_ROLES } from "@/lib/customers/access";
import { loadNewCustomerForm } from "@/lib/customers/new-customer-page";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  const {
    data: { defaultTtlDays, owners },
  } = await loadStaffPage(CREATE_CUSTOMER_ROLES, loadNewCustomerForm);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/staff" className="text-indigo-800 underline">
          Customers
        </Link>
      </nav>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">New customer</h1>
        <p className="text-slate-700">
          Creates the customer and a setup link for their HR admin. The link is shown
          once, right after you create it.
        </p>
      </div>
      <CreateCustomerForm defaultTtlDays={defaultTtlDays} owners={owners} />
    </div>
  );
}
