"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";

import { createCustomerAction } from "@/app/staff/customers/new/actions";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { showServerFieldErrors, useFormError } from "@/components/ui/use-form-error";
import type { CreateCustomerResult } from "@/lib/customers/results";
import { PERMISSION_CATEGORIES } from "@/lib/hibob/categories";
import {
  ALWAYS_REQUIRED_CATEGORY,
  MAX_LINK_TTL_DAYS,
  MIN_LINK_TTL_DAYS,
  createCustomerSchema,
  type CreateCustomerInput,
  type CreateCustomerValues,
} from "@/lib/validation/staff-forms";

import { CopyLink } from "./copy-link";
import { FieldError, FormError, describedBy, inputClass } from "./form-field";

export type OwnerOption = { id: string; name: string | null; email: string };

type Created = Extract<CreateCustomerResult, { ok: true }>;

const OPTIONAL_CATEGORIES = PERMISSION_CATEGORIES.filter(
  (category) => category.id !== ALWAYS_REQUIRED_CATEGORY,
);
const ALWAYS_REQUIRED = PERMISSION_CATEGORIES.find(
  (category) => category.id === ALWAYS_REQUIRED_CATEGORY,
);

function CreatedPanel({
  created,
  onCreateAnother,
}: Readonly<{ created: Created; onCreateAnother: () => void }>) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="customer-created-title"
      className="space-y-4 rounded-md border border-emerald-300 bg-emerald-50 p-4"
    >
      <h2
        id="customer-created-title"
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold text-emerald-950"
      >
        {created.companyName} was created
      </h2>
      {created.link.emailed ? (
        <p className="text-sm text-emerald-950">The link was emailed to the HR admin.</p>
      ) : null}
      {created.link.emailProblem ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {created.link.emailProblem}
        </p>
      ) : null}
      <CopyLink url={created.link.url} expiresAt={created.link.expiresAt} />
      <div className="flex flex-wrap gap-3">
        <Link
          href={`/staff/customers/${created.customerId}`}
          className={primaryButtonClass}
        >
          Open the customer page
        </Link>
        <button type="button" onClick={onCreateAnother} className={secondaryButtonClass}>
          Create another customer
        </button>
      </div>
    </section>
  );
}

/**
 * Renders the form that creates a customer and its first setup link. The browser
 * validates with the schema the server action uses; the server decides.
 * The new link lives only in this component's state, so a reload drops it.
 */
export function CreateCustomerForm({
  defaultTtlDays,
  owners,
}: Readonly<{
  defaultTtlDays: number;
  /** CSMs an admin may choose as owner; null when the creator becomes the owner. */
  owners: readonly OwnerOption[] | null;
}>) {
  const [created, setCreated] = useState<Created | null>(null);
  const [formError, formErrorRef, showFormError, focusFormError] = useFormError();
  const ids = {
    companyName: useId(),
    hrAdminEmail: useId(),
    hrAdminEmailHint: useId(),
    environment: useId(),
    categories: useId(),
    ownerId: useId(),
    linkTtlDays: useId(),
    linkTtlDaysHint: useId(),
    emailLink: useId(),
  };

  const defaultValues: CreateCustomerInput = {
    companyName: "",
    hrAdminEmail: "",
    hibobEnvironment: "production",
    requiredCategories: OPTIONAL_CATEGORIES.map((category) => category.id),
    ownerId: "",
    linkTtlDays: defaultTtlDays,
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
  } = useForm<CreateCustomerInput, unknown, CreateCustomerValues>({
    resolver: zodResolver(createCustomerSchema),
    defaultValues,
    shouldFocusError: true,
  });

  // The server parses the raw input again with the same schema.
  const onSubmit = handleSubmit(async () => {
    showFormError(null);
    const result = await createCustomerAction(getValues());
    if (result.ok) {
      setCreated(result);
      return;
    }
    showFormError(result.message);
    const fields = Object.entries(result.fieldErrors ?? {}) as [
      keyof CreateCustomerInput,
      string,
    ][];
    // The category checkboxes are a group, which cannot take focus as one field.
    const focused = showServerFieldErrors(
      fields,
      { setError, setFocus },
      (field) => field !== "requiredCategories",
    );
    if (!focused) {
      focusFormError();
    }
  });

  if (created) {
    return (
      <CreatedPanel
        created={created}
        onCreateAnother={() => {
          setCreated(null);
          reset(defaultValues);
        }}
      />
    );
  }

  const errorId = (field: keyof typeof ids) => `${ids[field]}-error`;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={isSubmitting}>
      <FormError message={formError} errorRef={formErrorRef} />

      <div className="space-y-1.5">
        <label htmlFor={ids.companyName} className="block text-sm font-semibold">
          Company name
        </label>
        <input
          id={ids.companyName}
          type="text"
          autoComplete="organization"
          aria-invalid={errors.companyName ? true : undefined}
          aria-describedby={describedBy(errors.companyName && errorId("companyName"))}
          className={inputClass}
          {...register("companyName")}
        />
        <FieldError id={errorId("companyName")} message={errors.companyName?.message} />
      </div>

      <div className="space-y-1.5">
        <label htmlFor={ids.hrAdminEmail} className="block text-sm font-semibold">
          HR admin&apos;s email address <span className="font-normal">(optional)</span>
        </label>
        <p id={ids.hrAdminEmailHint} className="text-sm text-slate-600">
          Needed to email the link. You can also copy the link and send it yourself.
        </p>
        <input
          id={ids.hrAdminEmail}
          type="email"
          autoComplete="off"
          aria-invalid={errors.hrAdminEmail ? true : undefined}
          aria-describedby={describedBy(
            errors.hrAdminEmail && errorId("hrAdminEmail"),
            ids.hrAdminEmailHint,
          )}
          className={inputClass}
          {...register("hrAdminEmail")}
        />
        <FieldError id={errorId("hrAdminEmail")} message={errors.hrAdminEmail?.message} />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold">HiBob environment</legend>
        <div className="flex flex-wrap gap-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="production" {...register("hibobEnvironment")} />
            Production
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="sandbox" {...register("hibobEnvironment")} />
            Sandbox
          </label>
        </div>
        <FieldError
          id={errorId("environment")}
          message={errors.hibobEnvironment?.message}
        />
      </fieldset>

      <fieldset
        className="space-y-2"
        aria-describedby={describedBy(errors.requiredCategories && errorId("categories"))}
      >
        <legend className="text-sm font-semibold">
          People&apos;s data categories to request
        </legend>
        {ALWAYS_REQUIRED ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked disabled className="mt-1" />
            <span>
              {ALWAYS_REQUIRED.name}{" "}
              <span className="text-slate-600">
                (always requested: without it HiBob returns no employees)
              </span>
            </span>
          </label>
        ) : null}
        {OPTIONAL_CATEGORIES.map((category) => (
          <label key={category.id} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              value={category.id}
              className="mt-1"
              {...register("requiredCategories")}
            />
            <span>{category.name}</span>
          </label>
        ))}
        <FieldError
          id={errorId("categories")}
          message={errors.requiredCategories?.message}
        />
      </fieldset>

      {owners ? (
        <div className="space-y-1.5">
          <label htmlFor={ids.ownerId} className="block text-sm font-semibold">
            Owner
          </label>
          <select
            id={ids.ownerId}
            aria-invalid={errors.ownerId ? true : undefined}
            aria-describedby={describedBy(errors.ownerId && errorId("ownerId"))}
            className={inputClass}
            {...register("ownerId")}
          >
            <option value="">Unassigned</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name ? `${owner.name} (${owner.email})` : owner.email}
              </option>
            ))}
          </select>
          <FieldError id={errorId("ownerId")} message={errors.ownerId?.message} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">You will be the owner of this customer.</p>
      )}

      <div className="space-y-1.5">
        <label htmlFor={ids.linkTtlDays} className="block text-sm font-semibold">
          Link works for (days)
        </label>
        <p id={ids.linkTtlDaysHint} className="text-sm text-slate-600">
          From {MIN_LINK_TTL_DAYS} to {MAX_LINK_TTL_DAYS} days.
        </p>
        <input
          id={ids.linkTtlDays}
          type="number"
          inputMode="numeric"
          min={MIN_LINK_TTL_DAYS}
          max={MAX_LINK_TTL_DAYS}
          step={1}
          aria-invalid={errors.linkTtlDays ? true : undefined}
          aria-describedby={describedBy(
            errors.linkTtlDays && errorId("linkTtlDays"),
            ids.linkTtlDaysHint,
          )}
          className={`${inputClass} max-w-32`}
          {...register("linkTtlDays", { valueAsNumber: true })}
        />
        <FieldError id={errorId("linkTtlDays")} message={errors.linkTtlDays?.message} />
      </div>

      <div className="space-y-1.5">
        <label htmlFor={ids.emailLink} className="flex items-center gap-2 text-sm">
          <input id={ids.emailLink} type="checkbox" {...register("emailLink")} />
          Email the link to the HR admin now
        </label>
        <FieldError id={errorId("emailLink")} message={errors.emailLink?.message} />
      </div>

      <button type="submit" disabled={isSubmitting} className={primaryButtonClass}>
        {isSubmitting ? "Creating the customer…" : "Create customer and link"}
      </button>
    </form>
  );
}
