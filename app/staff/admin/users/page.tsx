import type { Metadata } from "next";

import { DateTime } from "@/components/staff/format";
import { db } from "@/lib/db";
import { getMailConfig } from "@/lib/mail/send-mail";
import { listStaffUsers } from "@/lib/auth/staff-admin";
import { STAFF_ADMIN_ROLES } from "@/lib/auth/staff-admin-actions";
import { STAFF_ROLE_LABELS, loadStaffPage } from "@/lib/auth/staff";

import { InviteStaffForm } from "./invite-form";
import { StaffRowActions } from "./staff-row-actions";

export const metadata: Metadata = { title: "Staff" };

/** Staff management, for admins only. */
export default async function StaffUsersPage() {
  const { user: admin, data: users } = await loadStaffPage(STAFF_ADMIN_ROLES, () =>
    listStaffUsers(db),
  );
  const mailConfigured = getMailConfig() !== null;

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Staff</h1>
        <p className="text-slate-700">
          Who can sign in to the staff console, and with which role. CSMs manage the
          customers they own, support manages every customer, admins also manage staff.
        </p>
      </div>

      <section aria-labelledby="invite-title" className="space-y-4">
        <h2 id="invite-title" className="text-lg font-semibold">
          Invite a staff user
        </h2>
        <InviteStaffForm mailConfigured={mailConfigured} />
      </section>

      <section aria-labelledby="staff-list-title" className="space-y-4">
        <h2 id="staff-list-title" className="text-lg font-semibold">
          Staff users ({users.length})
        </h2>
        <ul className="space-y-3">
          {users.map((user) => {
            const titleId = `staff-${user.id}`;
            return (
              <li
                key={user.id}
                aria-labelledby={titleId}
                className={`space-y-3 rounded-md border p-4 ${user.active ? "border-slate-200 bg-white" : "border-slate-300 bg-slate-100"}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id={titleId} className="font-semibold break-all">
                    {user.email}
                    {user.id === admin.id ? (
                      <span className="font-normal text-slate-600"> (you)</span>
                    ) : null}
                  </h3>
                  <p className="text-sm">
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-800">
                      {STAFF_ROLE_LABELS[user.role]}
                    </span>{" "}
                    <span
                      className={
                        user.active
                          ? "text-xs font-semibold text-emerald-800"
                          : "text-xs font-semibold text-red-800"
                      }
                    >
                      {user.active ? "Active" : "Deactivated"}
                    </span>
                  </p>
                </div>
                <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="text-slate-600">Name</dt>
                  <dd>{user.name ?? "Not set"}</dd>
                  <dt className="text-slate-600">Last sign-in</dt>
                  <dd>
                    {user.lastSignInAt ? <DateTime value={user.lastSignInAt} /> : "Never"}
                  </dd>
                  <dt className="text-slate-600">Added</dt>
                  <dd>
                    <DateTime value={user.createdAt} />
                  </dd>
                </dl>
                <StaffRowActions
                  user={{
                    id: user.id,
                    email: user.email,
                    role: user.role,
                    active: user.active,
                  }}
                />
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
