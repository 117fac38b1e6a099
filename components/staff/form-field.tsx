// Shared pieces of the staff console's forms.
export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600";

export function FieldError({ id, message }: Readonly<{ id: string; message?: string }>) {
  if (!message) {
    return null;
  }
  return (
    <p id={id} className="text-sm text-red-700">
      {message}
    </p>
  );
}

/** Shows the form-level message as an alert that takes focus, so screen readers read it out. */
export function FormError({
  message,
  errorRef,
}: Readonly<{
  message: string | null;
  errorRef: React.RefObject<HTMLDivElement | null>;
}>) {
  if (!message) {
    return null;
  }
  return (
    <div
      ref={errorRef}
      tabIndex={-1}
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900"
    >
      {message}
    </div>
  );
}

/** Returns the aria-describedby value of a field from the ids that are shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return shown.length > 0 ? shown.join(" ") : undefined;
}
