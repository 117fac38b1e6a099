"use client";

import { useFormStatus } from "react-dom";

import { primaryButtonClass } from "./button-styles";

/** A form's submit button that disables itself and says what is happening while pending. */
export function SubmitButton({
  children,
  pendingLabel,
  className = primaryButtonClass,
}: Readonly<{ children: React.ReactNode; pendingLabel: string; className?: string }>) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={className}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
