"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";

import {
  FieldError,
  FormError,
  describedBy,
  inputClass,
} from "@/components/staff/form-field";
import { primaryButtonClass } from "@/components/ui/button-styles";
import { showServerFieldErrors, useFormError } from "@/components/ui/use-form-error";
import {
  inviteStaffSchema,
  type InviteStaffInput,
  type InviteStaffValues,
} from "@/lib/auth/staff-admin-schema";
import { STAFF_ROLES, STAFF_ROLE_LABELS } from "@/lib/auth/types";

import { inviteStaffAction } from "./actions";

type Field = keyof InviteStaffInput;

/** Invites a staff user by email, optionally mailing them the sign-in instructions. */
export function InviteStaffForm({
  mailConfigured,
}: Readonly<{ mailConfigured: boolean }>) {
  const router = useRouter();
  const [formError, formErrorRef, showFormError, focusFormError] = useFormError();
  const [done, setDone] = useState<{ message: string; warning?: string } | null>(null);
  const ids = {
    email: useId(),
    name: useId(),
    role: useId(),
    sendInvitation: useId(),
    sendInvitationHint: useId(),
  };
  const errorId = (field: Field) => `${ids[field]}-error`;

  const defaultValues: InviteStaffInput = {
    email: "",
    name: "",
    role: "csm",
    sendInvitation: mailConfigured,
  };
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    setFocus,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<InviteStaffInput, unknown, InviteStaffValues>({
    resolver: zodResolver(inviteStaffSchema),
    defaultValues,
    shouldFocusError: true,
  });

  // The server parses the raw input again with the same schema.
  const onSubmit = handleSubmit(async () => {
    showFormError(null);
    setDone(null);
    const result = await inviteStaffAction(getValues());
    if (result.ok) {
      setDone({
        message: result.message,
        ...(result.warning ? { warning: result.warning } : {}),
      });
      reset(defaultValues);
      router.refresh();
      return;
    }
    showFormError(result.message);
    const fields = Object.entries(result.fieldErrors ?? {}).filter(
      (entry): entry is [Field, string] => entry[0] in ids,
    );
    if (!showServerFieldErrors(fields, { setError, setFocus })) {
      focusFormError();
    }
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-busy={isSubmitting}
      className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
    >
      <FormError message={formError} errorRef={formErrorRef} />
      {done ? (
        <div
          role="status"
          className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950"
        >
          <p>{done.message}</p>
          {done.warning ? (
            <p className="font-medium text-red-800">{done.warning}</p>
          ) : null}
        </div>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={ids.email} className="block text-sm font-semibold">
            Work email address
          </label>
          <input
            id={ids.email}
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy(errors.email && errorId("email"))}
            className={inputClass}
            {...register("email")}
          />
          <FieldError id={errorId("email")} message={errors.email?.message} />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={ids.name} className="block text-sm font-semibold">
            Name <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            id={ids.name}
            type="text"
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(errors.name && errorId("name"))}
            className={inputClass}
            {...register("name")}
          />
          <FieldError id={errorId("name")} message={errors.name?.message} />
        </div>
      </div>

      <div className="space-y-1.5">
        <label htmlFor={ids.role} className="block text-sm font-semibold">
          Role
        </label>
        <select
          id={ids.role}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={describedBy(errors.role && errorId("role"))}
          className={`${inputClass} sm:max-w-48`}
          {...register("role")}
        >
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {STAFF_ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <FieldError id={errorId("role")} message={errors.role?.message} />
      </div>

      <div className="space-y-1.5">
        <label htmlFor={ids.sendInvitation} className="flex items-center gap-2 text-sm">
          <input
            id={ids.sendInvitation}
            type="checkbox"
            disabled={!mailConfigured}
            aria-describedby={describedBy(
              !mailConfigured && ids.sendInvitationHint,
              errors.sendInvitation && errorId("sendInvitation"),
            )}
            {...register("sendInvitation")}
          />
          Mail them how to sign in
        </label>
        {mailConfigured ? null : (
          <p id={ids.sendInvitationHint} className="text-sm text-slate-600">
            Mail is not configured on this server; tell them to open the sign-in page.
          </p>
        )}
        <FieldError
          id={errorId("sendInvitation")}
          message={errors.sendInvitation?.message}
        />
      </div>

      <button type="submit" disabled={isSubmitting} className={primaryButtonClass}>
        {isSubmitting ? "Inviting…" : "Invite"}
      </button>
    </form>
  );
}
