// Calendar dates as HiBob writes them ("2024-03-18"), in UTC.

export type IsoDate = string;

const DAY_MS = 86_400_000;

/** Formats a point in time as its UTC calendar date. */
export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** Returns the number of whole years from `birthDate` to `today`. */
export function yearsBetween(birthDate: IsoDate, today: IsoDate): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  const birthdayPassed = today.slice(5) >= birthDate.slice(5);
  return birthdayPassed ? years : years - 1;
}
