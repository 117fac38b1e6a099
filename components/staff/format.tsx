// Dates in the staff console: absolute and in UTC, so every staff member and
// every server renders the same text.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function formatDateTime(value: Date | string): string {
  return `${DATE_TIME.format(typeof value === "string" ? new Date(value) : value)} UTC`;
}

/** Renders a `<time>` element with the machine-readable value and the UTC text. */
export function DateTime({ value }: Readonly<{ value: Date | string }>) {
  const iso = typeof value === "string" ? value : value.toISOString();
  return <time dateTime={iso}>{formatDateTime(value)}</time>;
}
