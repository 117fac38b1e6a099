import Link from "next/link";

/** Shown with HTTP 403 when a signed-in staff user opens a page their role does not allow. */
export default function StaffForbidden() {
  return (
    <section aria-labelledby="forbidden-title" className="space-y-4">
      <h1 id="forbidden-title" className="text-2xl font-semibold tracking-tight">
        You do not have access to this page
      </h1>
      <p className="text-slate-700">
        Your role does not allow this page. If you need it for your work, ask an admin of
        HiBob Connect to change your role.
      </p>
      <Link href="/staff" className="font-medium text-indigo-700 underline">
        Go to the dashboard
      </Link>
    </section>
  );
}
