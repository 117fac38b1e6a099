"use client";

import { useActionState } from "react";

import { recheckAction } from "@/app/link/[token]/actions";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RecheckState } from "@/lib/wizard/wizard-actions";

/** Runs the permission check again with the stored credentials. */
export function RecheckForm({ token }: Readonly<{ token: string }>) {
  const [state, formAction] = useActionState<RecheckState | null>(
    () => recheckAction(token),
    null,
  );

  return (
    <form action={formAction} className="space-y-2">
      <SubmitButton pendingLabel="Checking again…" className={secondaryButtonClass}>
        Check again
      </SubmitButton>
      <p role="status" aria-live="polite" className="text-sm text-slate-600">
        {state === null
          ? ""
          : state.ok
            ? "Check finished. The results below are up to date."
            : state.message}
      </p>
    </form>
  );
}
