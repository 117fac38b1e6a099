"use client";

import { useActionState } from "react";

import { SubmitButton } from "@/components/ui/submit-button";
import { secondaryButtonClass } from "@/components/ui/button-styles";

import { ssoSignInAction } from "./actions";

/** Starts company SSO sign-in; shows the server's message when it cannot start. */
export function SsoButton({
  providerName,
  callbackUrl,
}: Readonly<{ providerName: string; callbackUrl: string }>) {
  const [message, formAction] = useActionState(ssoSignInAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {message ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {message}
        </p>
      ) : null}
      <SubmitButton
        pendingLabel={`Opening ${providerName}…`}
        className={`${secondaryButtonClass} w-full sm:w-auto`}
      >
        Continue with {providerName}
      </SubmitButton>
    </form>
  );
}
