// The form-level error of a client form: the message, the element that shows
// it, and moving focus there so screen readers read it out.
import { useEffect, useRef, useState, type RefObject } from "react";
import type {
  FieldValues,
  Path,
  UseFormSetError,
  UseFormSetFocus,
} from "react-hook-form";

/**
 * Returns the form-level error message, the ref for the element that shows
 * it, a function that sets it (null clears it) and one that focuses it. Focus
 * moves after the render that shows the message.
 */
export function useFormError(): [
  message: string | null,
  ref: RefObject<HTMLDivElement | null>,
  show: (text: string | null) => void,
  requestFocus: () => void,
] {
  const [message, setMessage] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusRequest > 0) {
      ref.current?.focus();
    }
  }, [focusRequest]);

  return [message, ref, setMessage, () => setFocusRequest((count) => count + 1)];
}

/**
 * Marks each field error from the server on its field, then focuses the
 * first of those fields when `canFocus` accepts it. Returns whether a field
 * took focus, so the caller can focus the form-level error instead.
 */
export function showServerFieldErrors<Values extends FieldValues>(
  fieldErrors: readonly (readonly [Path<Values>, string])[],
  form: { setError: UseFormSetError<Values>; setFocus: UseFormSetFocus<Values> },
  canFocus: (field: Path<Values>) => boolean = () => true,
): boolean {
  for (const [field, message] of fieldErrors) {
    form.setError(field, { type: "server", message });
  }
  const firstField = fieldErrors[0]?.[0];
  if (firstField === undefined || !canFocus(firstField)) {
    return false;
  }
  form.setFocus(firstField);
  return true;
}
