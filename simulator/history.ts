// Effective-dated history rows: which row is current on a given day, and
// the employee's state on that day.
import type { Company, Employee, EmploymentRow, LifecycleRow, WorkRow } from "./company";
import type { IsoDate } from "./dates";

type DatedRow = { effectiveDate: IsoDate };

/**
 * Returns the latest row effective on `today`. A future hire has no effective
 * row yet, so their first (future) row counts as current and their work and
 * employment fields stay filled.
 * NOTE: what HiBob returns for a future hire's current row is not verified.
 */
export function currentRow<Row extends DatedRow>(
  rows: readonly Row[],
  today: IsoDate,
): Row {
  let current = rows[0];
  for (const row of rows) {
    if (row.effectiveDate <= today) {
      current = row;
    }
  }
  if (!current) {
    throw new Error("A history table must contain at least one row.");
  }
  return current;
}

/** An employee's current rows on one day, from which field values are read. */
export type EmployeeSnapshot = {
  employee: Employee;
  company: Company;
  today: IsoDate;
  work: WorkRow;
  employment: EmploymentRow;
  lifecycle: LifecycleRow;
};

export function snapshotOf(
  company: Company,
  employee: Employee,
  today: IsoDate,
): EmployeeSnapshot {
  return {
    employee,
    company,
    today,
    work: currentRow(employee.work, today),
    employment: currentRow(employee.employment, today),
    lifecycle: currentRow(employee.lifecycle, today),
  };
}

/** Returns whether the employee counts as active (HiBob's `internal.status` "Active"). */
export function isActive(employee: Employee, today: IsoDate): boolean {
  return currentRow(employee.lifecycle, today).status !== "terminated";
}
