"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useForm } from "react-hook-form";

import { submitCredentialsAction } from "@/app/link/[token]/actions";
import { primaryButtonClass } from "@/components/ui/button-styles";
import { showServerFieldErrors, useFormError } from "@/components/ui/use-form-error";
import {
  credentialsSchema,
  type Credentials,
  type CredentialsInput,
} from "@/lib/validation/credentials";

const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";

/**
 * Step 3's form. Validation runs in the browser with the same zod schema the
 * server action uses; the server's answer decides.
 */
export function CredentialsForm({
  token,
  defaultServiceUserId = "",
}: Readonly<{ token: string; defaultServiceUserId?: string }>) {
  const router = useRouter();
  const [formError, formErrorRef, showFormError, focusFormError] = useFormError();
  const [showToken, setShowToken] = useState(false);
  const [isPending, startTransition] = useTransition();
  const ids = { serviceUserId: useId(), token: useId(), tokenHint: useId() };

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<CredentialsInput, unknown, Credentials>({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { serviceUserId: defaultServiceUserId, token: "" },
    shouldFocusError: true,
  });

  const busy = isSubmitting || isPending;

  const onSubmit = handleSubmit(async (values) => {
    showFormError(null);
    const result = await submitCredentialsAction(token, values);
    if (result.ok) {
      startTransition(() => {
        router.replace(`/link/${token}?step=3&checked=1`, { scroll: false });
        router.refresh();
      });
      return;
    }

    showFormError(result.message);
    const fields =
      "fieldErrors" in result
        ? (Object.entries(result.fieldErrors) as [keyof CredentialsInput, string][])
        : [];
    if (!showServerFieldErrors(fields, { setError, setFocus })) {
      focusFormError();
    }
  });

  return (
    // POST keeps the token out of the address if the form is submitted before
    // its script has loaded.
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="space-y-5"
      aria-busy={busy}
    >
      {formError ? (
        <div
          ref={formErrorRef}
          tabIndex={-1}
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
        >
          {formError}
        </div>
      ) : null}

      <div className="space-y-1.5">
        <label htmlFor={ids.serviceUserId} className="block text-sm font-semibold">
          Service user ID
        </label>
        <input
          id={ids.serviceUserId}
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.serviceUserId ? true : undefined}
          aria-describedby={
            errors.serviceUserId ? `${ids.serviceUserId}-error` : undefined
          }
          className={inputClass}
          {...register("serviceUserId")}
        />
        {errors.serviceUserId ? (
          <p id={`${ids.serviceUserId}-error`} className="text-sm text-red-700">
            {errors.serviceUserId.message}
          </p>
        ) : null}
      </div>

      <div className="space-y-1.5">
        <label htmlFor={ids.token} className="block text-sm font-semibold">
          Service user token
        </label>
        <p id={ids.tokenHint} className="text-sm text-slate-600">
          It is sent over an encrypted connection, stored encrypted, and never shown
          again.
        </p>
        <div className="flex gap-2">
          <input
            id={ids.token}
            type={showToken ? "text" : "password"}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={errors.token ? true : undefined}
            aria-describedby={
              errors.token ? `${ids.token}-error ${ids.tokenHint}` : ids.tokenHint
            }
            className={inputClass}
            {...register("token")}
          />
          <button
            type="button"
            onClick={() => setShowToken((shown) => !shown)}
            aria-pressed={showToken}
            aria-controls={ids.token}
            className="shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50"
          >
            {showToken ? "Hide" : "Show"}
            <span className="sr-only"> token</span>
          </button>
        </div>
        {errors.token ? (
          <p id={`${ids.token}-error`} className="text-sm text-red-700">
            {errors.token.message}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button type="submit" disabled={busy} className={primaryButtonClass}>
          {busy ? "Checking with HiBob…" : "Link account and check permissions"}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-slate-600">
          {busy
            ? "Checking the credentials and permissions with HiBob. This takes a few seconds."
            : ""}
        </p>
      </div>
    </form>
  );
}
