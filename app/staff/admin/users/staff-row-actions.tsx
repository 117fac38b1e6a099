"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";

import { describedBy, inputClass } from "@/components/staff/form-field";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import type { StaffAdminResult } from "@/lib/auth/staff-admin-actions";
import { STAFF_ROLES, STAFF_ROLE_LABELS, type StaffRole } from "@/lib/auth/types";

import {
  changeStaffRoleAction,
  deactivateStaffAction,
  reactivateStaffAction,
} from "./actions";

type Row = { id: string; email: string; role: StaffRole; active: boolean };

/** Role change and (de)activation for one staff user, with the result of the last action. */
export function StaffRowActions({ user }: Readonly<{ user: Row }>) {
  const router = useRouter();
  const [role, setRole] = useState<StaffRole>(user.role);
  const [result, setResult] = useState<StaffAdminResult | null>(null);
  const [pending, startTransition] = useTransition();
  const roleId = useId();
  const roleErrorId = `${roleId}-error`;
  const roleError = result && !result.ok ? result.fieldErrors?.role : undefined;

  function run(action: () => Promise<StaffAdminResult>) {
    startTransition(async () => {
      const outcome = await action();
      setResult(outcome);
      if (outcome.ok) {
        router.refresh();
      }
    });
  }

  return (
    <div className="space-y-3" aria-busy={pending}>
      <div className="flex flex-wrap items-end gap-3">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            run(() => changeStaffRoleAction({ userId: user.id, role }));
          }}
        >
          <div className="space-y-1">
            <label htmlFor={roleId} className="block text-sm font-semibold">
              Role<span className="sr-only"> of {user.email}</span>
            </label>
            <select
              id={roleId}
              value={role}
              onChange={(event) => setRole(event.target.value as StaffRole)}
              aria-invalid={roleError ? true : undefined}
              aria-describedby={describedBy(roleError && roleErrorId)}
              className={`${inputClass} w-36`}
            >
              {STAFF_ROLES.map((option) => (
                <option key={option} value={option}>
                  {STAFF_ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            disabled={pending || role === user.role}
            className={secondaryButtonClass}
          >
            Change role<span className="sr-only"> of {user.email}</span>
          </button>
        </form>
        <button
          type="button"
          disabled={pending}
          className={secondaryButtonClass}
          onClick={() =>
            run(() =>
              user.active
                ? deactivateStaffAction({ userId: user.id })
                : reactivateStaffAction({ userId: user.id }),
            )
          }
        >
          {user.active ? "Deactivate" : "Reactivate"}
          <span className="sr-only"> {user.email}</span>
        </button>
      </div>
      {roleError ? (
        <p id={roleErrorId} className="text-sm text-red-700">
          {roleError}
        </p>
      ) : null}
      {result ? (
        result.ok ? (
          <p role="status" className="text-sm text-emerald-800">
            {result.message}
          </p>
        ) : (
          <p role="alert" className="text-sm font-medium text-red-800">
            {result.message}
          </p>
        )
      ) : null}
    </div>
  );
}
