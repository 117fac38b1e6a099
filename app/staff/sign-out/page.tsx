import type { Metadata } from "next";
import Link from "next/link";

import { primaryButtonClass } from "@/components/ui/button-styles";
import { getStaffUser } from "@/lib/auth/staff";

import { signOutAction } from "./actions";

export const metadata: Metadata = { title: "Sign out" };

/** Confirms sign-out; Auth.js sends visitors of /api/auth/signout here. */
export default async function SignOutPage() {
  const user = await getStaffUser();

  return (
    <section aria-labelledby="sign-out-title" className="mx-auto max-w-md space-y-4">
      <h1 id="sign-out-title" className="text-2xl font-semibold tracking-tight">
        Sign out
      </h1>
      {user ? (
        <>
          <p className="text-slate-700">
            You are signed in as <strong className="break-all">{user.email}</strong>.
          </p>
          <form action={signOutAction}>
            <button type="submit" className={primaryButtonClass}>
              Sign out
            </button>
          </form>
        </>
      ) : (
        <>
          <p className="text-slate-700">You are not signed in.</p>
          <Link href="/staff/sign-in" className="font-medium text-indigo-700 underline">
            Sign in
          </Link>
        </>
      )}
    </section>
  );
}
