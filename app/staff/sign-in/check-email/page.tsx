import type { Metadata } from "next";
import Link from "next/link";

import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/auth-config";
import { devMailboxDir } from "@/lib/dev-mail/config";

export const metadata: Metadata = { title: "Check your email" };

/**
 * Auth.js's "verify request" page, shown after a sign-in link was requested
 * directly from /api/auth. The sign-in form shows the same message in place.
 */
export default function CheckEmailPage() {
  return (
    <section aria-labelledby="check-email-title" className="mx-auto max-w-md space-y-4">
      <h1 id="check-email-title" className="text-2xl font-semibold tracking-tight">
        Check your email
      </h1>
      <p className="text-slate-700">
        If the address may sign in, a sign-in link is on its way. Open it on this device
        within {SIGN_IN_LINK_MINUTES} minutes; it works once.
      </p>
      {devMailboxDir() ? (
        <p className="text-slate-700">
          Local run: the mail is in the{" "}
          <a href="/dev/mailbox" className="font-medium text-indigo-800 underline">
            development mailbox
          </a>
          .
        </p>
      ) : null}
      <Link href="/staff/sign-in" className="font-medium text-indigo-700 underline">
        Back to sign-in
      </Link>
    </section>
  );
}
