"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";

import {
  FieldError,
  FormError,
  describedBy,
  inputClass,
} from "@/components/staff/form-field";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { useFormError } from "@/components/ui/use-form-error";
import {
  signInLinkSchema,
  type SignInLinkInput,
  type SignInLinkValues,
} from "@/lib/auth/sign-in-schema";

import { requestSignInLinkAction } from "./actions";

function CheckEmail({
  email,
  validMinutes,
  devMailboxHref,
  onRetry,
}: Readonly<{
  email: string;
  validMinutes: number;
  devMailboxHref: string | null;
  onRetry: () => void;
}>) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="check-email-title"
      className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4"
    >
      <h2
        id="check-email-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold text-emerald-950"
      >
        Check your email
      </h2>
      <p className="text-sm text-emerald-950">
        We sent a sign-in link to <strong className="break-all">{email}</strong>. Open it
        on this device within {validMinutes} minutes; it works once.
      </p>
      <p className="text-sm text-emerald-950">
        No mail after a few minutes? Check your spam folder, then send a new link.
      </p>
      {devMailboxHref ? (
        <p className="text-sm text-emerald-950">
          Local run: the mail is in the{" "}
          <a href={devMailboxHref} className="font-medium text-indigo-800 underline">
            development mailbox
          </a>
          .
        </p>
      ) : null}
      <button type="button" onClick={onRetry} className={secondaryButtonClass}>
        Send a new link
      </button>
    </section>
  );
}

/** Renders the email sign-in form, replaced by "Check your email" once a link was sent. */
export function SignInForm({
  callbackUrl,
  validMinutes,
  devMailboxHref,
}: Readonly<{
  callbackUrl: string;
  validMinutes: number;
  devMailboxHref: string | null;
}>) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, formErrorRef, showFormError, focusFormError] = useFormError();
  const emailId = useId();
  const emailErrorId = `${emailId}-error`;

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInLinkInput, unknown, SignInLinkValues>({
    resolver: zodResolver(signInLinkSchema),
    defaultValues: { email: "", callbackUrl },
    shouldFocusError: true,
  });

  const onSubmit = handleSubmit(async (values) => {
    showFormError(null);
    const result = await requestSignInLinkAction(values);
    if (result.ok) {
      setSentTo(result.email);
      return;
    }
    if (result.fieldErrors?.email) {
      setError("email", { type: "server", message: result.fieldErrors.email });
      setFocus("email");
      return;
    }
    showFormError(result.message);
    focusFormError();
  });

  if (sentTo) {
    return (
      <CheckEmail
        email={sentTo}
        validMinutes={validMinutes}
        devMailboxHref={devMailboxHref}
        onRetry={() => {
          setSentTo(null);
          setTimeout(() => setFocus("email"), 0);
        }}
      />
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      <FormError message={formError} errorRef={formErrorRef} />
      <div className="space-y-1.5">
        <label htmlFor={emailId} className="block text-sm font-semibold">
          Work email address
        </label>
        <input
          id={emailId}
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy(errors.email && emailErrorId)}
          className={inputClass}
          {...register("email")}
        />
        <FieldError id={emailErrorId} message={errors.email?.message} />
      </div>
      <button
        type="submit"
        disabled={isSubmitting}
        className={`${primaryButtonClass} w-full sm:w-auto`}
      >
        {isSubmitting ? "Sending the link…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
