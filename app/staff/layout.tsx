import { STAFF_ROLE_LABELS, getStaffUser, type StaffUser } from "@/lib/auth/staff";

import { signOutAction } from "./sign-out/actions";
import { StaffNavLinks, type StaffNavLink } from "./staff-nav";

function navLinks(user: StaffUser): StaffNavLink[] {
  const links: StaffNavLink[] = [{ href: "/staff", label: "Dashboard" }];
  if (user.role === "admin") {
    links.push({ href: "/staff/admin/users", label: "Staff" });
  }
  return links;
}

/**
 * Renders the staff console's shell: section links and the signed-in user
 * with a sign-out button. Signed-out visitors see the page alone. Each page
 * checks access itself, because a layout is not rendered again on every
 * navigation.
 */
export default async function StaffLayout({
  children,
}: Readonly<{ children: React.ReactNode }>) {
  const user = await getStaffUser();

  return (
    <div className="space-y-6">
      {user ? (
        <nav
          aria-label="Staff console"
          className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-2 sm:flex-row sm:items-center sm:justify-between"
        >
          <StaffNavLinks links={navLinks(user)} />
          <div className="flex flex-wrap items-center gap-3 px-2 text-sm">
            <span className="min-w-0 text-slate-700">
              <span className="font-medium break-all text-slate-900">
                {user.name ?? user.email}
              </span>{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-700">
                {STAFF_ROLE_LABELS[user.role]}
              </span>
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2 py-1 font-medium text-indigo-700 underline hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
          </div>
        </nav>
      ) : null}
      {children}
    </div>
  );
}
