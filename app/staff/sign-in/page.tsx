import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { SIGN_IN_LINK_MINUTES } from "@/lib/auth/auth-config";
import { getAuthSettings } from "@/lib/auth/runtime";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getStaffUser, safeCallbackPath } from "@/lib/auth/staff";
import { devMailboxDir } from "@/lib/dev-mail/config";

import { SignInForm } from "./sign-in-form";
import { SsoButton } from "./sso-button";

export const metadata: Metadata = { title: "Sign in" };

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Renders the staff sign-in page, open to everyone. A signed-in user goes straight on. */
export default async function SignInPage({
  searchParams,
}: Readonly<{ searchParams: Promise<Record<string, string | string[] | undefined>> }>) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(firstValue(params.callbackUrl));
  if (await getStaffUser()) {
    redirect(callbackUrl);
  }

  const settings = getAuthSettings();
  const error = signInErrorMessage(firstValue(params.error));
  const signedOut = firstValue(params.signedOut) === "1";
  const devMailboxHref = devMailboxDir() ? "/dev/mailbox" : null;

  return (
    <section aria-labelledby="sign-in-title" className="mx-auto max-w-md space-y-6">
      <div className="space-y-1">
        <h1 id="sign-in-title" className="text-2xl font-semibold tracking-tight">
          Sign in to the staff console
        </h1>
        <p className="text-slate-700">
          For the vendor&apos;s customer success, support and admin staff.
        </p>
      </div>

      {error ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          {error}
        </div>
      ) : null}
      {signedOut && !error ? (
        <p
          role="status"
          className="rounded-md border border-slate-300 bg-white p-4 text-sm text-slate-800"
        >
          You are signed out.
        </p>
      ) : null}

      {settings.mail ? (
        <SignInForm
          callbackUrl={callbackUrl}
          validMinutes={SIGN_IN_LINK_MINUTES}
          devMailboxHref={devMailboxHref}
        />
      ) : null}

      {settings.mail && settings.oidc ? (
        <p className="flex items-center gap-3 text-sm text-slate-600" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-300" />
          or
          <span className="h-px flex-1 bg-slate-300" />
        </p>
      ) : null}

      {settings.oidc ? (
        <SsoButton providerName={settings.oidc.name} callbackUrl={callbackUrl} />
      ) : null}

      {!settings.mail && !settings.oidc ? (
        <p role="alert" className="text-sm text-red-800">
          Sign-in is not set up on this server yet. Tell the team that runs HiBob Connect:
          it needs EMAIL_SERVER or the AUTH_OIDC settings.
        </p>
      ) : null}

      <p className="text-sm text-slate-600">
        No access yet? Ask an admin of HiBob Connect to invite your work email address.
      </p>
    </section>
  );
}
