// Indexes over the company's employees, built on first use and kept per
// company, so that rendering a large search stays linear in its size.
import type { Company, Employee } from "./company";
import type { IsoDate } from "./dates";
import { currentRow, isActive } from "./history";

const employeesById = new WeakMap<Company, Map<string, Employee>>();
const managerIdsByDay = new WeakMap<Company, { today: IsoDate; ids: Set<string> }>();

/** Returns the employee with the given id, or undefined. */
export function employeeById(company: Company, id: string): Employee | undefined {
  let index = employeesById.get(company);
  if (index === undefined) {
    index = new Map(company.employees.map((employee) => [employee.id, employee]));
    employeesById.set(company, index);
  }
  return index.get(id);
}

/** Returns the ids of employees to whom at least one active employee reports on `today`. */
export function managerIds(company: Company, today: IsoDate): ReadonlySet<string> {
  const cached = managerIdsByDay.get(company);
  if (cached?.today === today) {
    return cached.ids;
  }
  const ids = new Set<string>();
  for (const employee of company.employees) {
    if (isActive(employee, today)) {
      const managerId = currentRow(employee.work, today).reportsToId;
      if (managerId !== null) {
        ids.add(managerId);
      }
    }
  }
  managerIdsByDay.set(company, { today, ids });
  return ids;
}
