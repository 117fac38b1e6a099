"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";

import { reopenCustomerAction } from "@/app/staff/customers/[customerId]/actions";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { showServerFieldErrors, useFormError } from "@/components/ui/use-form-error";
import { OUTCOME_LABELS } from "@/lib/customers/labels";
import type { ReopenCustomerResult } from "@/lib/customers/results";
import {
  MAX_REOPEN_REASON_LENGTH,
  MIN_REOPEN_REASON_LENGTH,
  reopenCustomerSchema,
  type ReopenCustomerInput,
  type ReopenCustomerValues,
} from "@/lib/validation/staff-forms";

import { CopyLink } from "./copy-link";
import { FieldError, FormError, describedBy, inputClass } from "./form-field";

type Reopened = Extract<ReopenCustomerResult, { ok: true }>;

function ReopenedPanel({
  reopened,
  onDone,
}: Readonly<{ reopened: Reopened; onDone: () => void }>) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="reopened-title"
      className="space-y-4 rounded-md border border-emerald-300 bg-emerald-50 p-4"
    >
      <h3
        id="reopened-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold text-emerald-950"
      >
        Setup reopened with a new link
      </h3>
      <p className="text-sm text-emerald-950">
        Every earlier link for this customer now shows &quot;This link was replaced&quot;.
      </p>
      {reopened.recheck ? (
        <p className="text-sm text-emerald-950">
          Check of the stored credentials:{" "}
          {reopened.recheck.outcome
            ? OUTCOME_LABELS[reopened.recheck.outcome]
            : "Running"}
          . The full result is under &quot;Latest permission check&quot;.
        </p>
      ) : null}
      {reopened.recheckProblem ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {reopened.recheckProblem}
        </p>
      ) : null}
      {reopened.link.emailed ? (
        <p className="text-sm text-emerald-950">The link was emailed to the HR admin.</p>
      ) : null}
      {reopened.link.emailProblem ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {reopened.link.emailProblem}
        </p>
      ) : null}
      <CopyLink url={reopened.link.url} expiresAt={reopened.link.expiresAt} />
      <button type="button" onClick={onDone} className={secondaryButtonClass}>
        Done
      </button>
    </section>
  );
}

/**
 * Reopens the customer's setup: every earlier link stops working and a new
 * one is shown once. A reason is required and goes into the audit log.
 */
export function ReopenForm({
  customerId,
  hasCredential,
  hrAdminEmail,
}: Readonly<{
  customerId: string;
  hasCredential: boolean;
  hrAdminEmail: string | null;
}>) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [reopened, setReopened] = useState<Reopened | null>(null);
  const [formError, formErrorRef, showFormError, focusFormError] = useFormError();
  const ids = { reason: useId(), reasonHint: useId(), mode: useId(), emailLink: useId() };

  const defaultValues: ReopenCustomerInput = {
    mode: hasCredential ? "recheck" : "relink",
    reason: "",
    emailLink: false,
  };
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ReopenCustomerInput, unknown, ReopenCustomerValues>({
    resolver: zodResolver(reopenCustomerSchema),
    defaultValues,
    shouldFocusError: true,
  });

  const onSubmit = handleSubmit(async () => {
    showFormError(null);
    const result = await reopenCustomerAction(customerId, getValues());
    if (result.ok) {
      setReopened(result);
      startTransition(() => router.refresh());
      return;
    }
    showFormError(result.message);
    const fields = Object.entries(result.fieldErrors ?? {}) as [
      keyof ReopenCustomerInput,
      string,
    ][];
    // Only the reason is a text field; the others are radio buttons and a checkbox.
    const focused = showServerFieldErrors(
      fields,
      { setError, setFocus },
      (field) => field === "reason",
    );
    if (!focused) {
      focusFormError();
    }
  });

  if (reopened) {
    return (
      <ReopenedPanel
        reopened={reopened}
        onDone={() => {
          setReopened(null);
          reset(defaultValues);
        }}
      />
    );
  }

  const reasonErrorId = `${ids.reason}-error`;
  const modeErrorId = `${ids.mode}-error`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isSubmitting}>
      <FormError message={formError} errorRef={formErrorRef} />

      <fieldset
        className="space-y-2"
        aria-describedby={describedBy(errors.mode && modeErrorId)}
      >
        <legend className="text-sm font-semibold">What should the HR admin do?</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            value="recheck"
            disabled={!hasCredential}
            className="mt-1"
            {...register("mode")}
          />
          <span>
            Check the stored credentials again and see the result
            {hasCredential ? null : (
              <span className="block text-slate-600">
                Not available: no credentials are stored.
              </span>
            )}
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" value="relink" className="mt-1" {...register("mode")} />
          <span>
            Enter new credentials
            <span className="block text-slate-600">
              The stored ones stay in use until HiBob accepts the new ones.
            </span>
          </span>
        </label>
        <FieldError id={modeErrorId} message={errors.mode?.message} />
      </fieldset>

      <div className="space-y-1.5">
        <label htmlFor={ids.reason} className="block text-sm font-semibold">
          Reason for reopening
        </label>
        <p id={ids.reasonHint} className="text-sm text-slate-600">
          {MIN_REOPEN_REASON_LENGTH} to {MAX_REOPEN_REASON_LENGTH} characters. Saved in
          the customer&apos;s timeline; the HR admin does not see it.
        </p>
        <textarea
          id={ids.reason}
          rows={3}
          maxLength={MAX_REOPEN_REASON_LENGTH}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={describedBy(errors.reason && reasonErrorId, ids.reasonHint)}
          className={inputClass}
          {...register("reason")}
        />
        <FieldError id={reasonErrorId} message={errors.reason?.message} />
      </div>

      <div className="space-y-1">
        <label htmlFor={ids.emailLink} className="flex items-center gap-2 text-sm">
          <input
            id={ids.emailLink}
            type="checkbox"
            disabled={!hrAdminEmail}
            {...register("emailLink")}
          />
          {hrAdminEmail
            ? `Email the new link to ${hrAdminEmail}`
            : "Email the new link (no HR admin email address is stored)"}
        </label>
      </div>

      <button type="submit" disabled={isSubmitting} className={primaryButtonClass}>
        {isSubmitting ? "Reopening…" : "Reopen with a new link"}
      </button>
    </form>
  );
}
