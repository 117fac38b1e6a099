// People API handlers: search, read one employee, and the per-employee
// history tables.
import type { Employee, EmploymentRow, LifecycleRow, WorkRow } from "./company";
import type { RequestContext } from "./context";
import { isoDate } from "./dates";
import {
  CATEGORIES,
  DEFAULT_SEARCH_CATEGORIES,
  FIELDS,
  findField,
  type FieldDefinition,
} from "./fields";
import { currentRow, isActive, snapshotOf } from "./history";
import { HttpError, type RouteResult } from "./http";
import { employeeById } from "./lookup";
import {
  parseReadRequest,
  parseSearchRequest,
  type EmployeeFilter,
} from "./people-request";
import {
  canAccessEmployee,
  canViewBasicInfo,
  canViewField,
  categoryOf,
  tableAccess,
  type HistoryTable,
} from "./permissions";
import { rateLimitHeaders } from "./rate-limit";
import { renderEmployee } from "./render";
import type { SimulatorScenario } from "./scenarios";

const EMPLOYEE_FORBIDDEN =
  "The service user does not have permissions to access this employee.";

/** `POST /people/search`. */
export async function searchPeople(context: RequestContext): Promise<RouteResult> {
  const { scenario, state } = context;
  const decision = state.searchLimiter.take(
    scenario.serviceUserId,
    state.now().getTime(),
  );
  const headers = rateLimitHeaders(decision);
  if (!decision.allowed) {
    throw new HttpError(
      429,
      "request.rateLimited",
      `Too many search requests. The limit is ${decision.limit} per minute per service user, so retry after the time in X-RateLimit-Reset.`,
      headers,
    );
  }

  try {
    const request = parseSearchRequest(await context.readBody());
    const today = isoDate(state.now());

    // Without View on Basic info HiBob returns no employee at all.
    if (!canViewBasicInfo(scenario)) {
      return { status: 200, body: { employees: [] }, headers };
    }

    const fields = visibleFields(scenario, request.fields);
    const employees = state.company.employees
      .filter((employee) => canAccessEmployee(scenario, employee, today))
      .filter((employee) => request.showInactive || isActive(employee, today))
      .filter((employee) => matchesFilter(employee, request.filter))
      .map((employee) =>
        renderEmployee(
          snapshotOf(state.company, employee, today),
          fields,
          request.humanReadable,
        ),
      );
    return { status: 200, body: { employees }, headers };
  } catch (error) {
    if (error instanceof HttpError) {
      error.headers = { ...headers, ...error.headers };
    }
    throw error;
  }
}

/** `POST /people/{identifier}`, where the identifier is an employee ID or email. */
export async function readEmployee(context: RequestContext): Promise<RouteResult> {
  const { scenario, state } = context;
  const request = parseReadRequest(await context.readBody());
  const today = isoDate(state.now());
  const identifier = context.params[0] ?? "";

  const employee = findEmployee(context, identifier, { byEmail: true });
  // NOTE: HiBob's response without View on Basic info is not documented, so
  // the simulator treats it like an employee outside the access rights.
  if (!canAccessEmployee(scenario, employee, today) || !canViewBasicInfo(scenario)) {
    throw new HttpError(403, "permission.denied", EMPLOYEE_FORBIDDEN);
  }

  const fields = visibleFields(scenario, request.fields);
  const snapshot = snapshotOf(state.company, employee, today);
  return { status: 200, body: renderEmployee(snapshot, fields, request.humanReadable) };
}

/** `GET /people/{id}/work`, `/employment` and `/lifecycle`. */
export function readHistoryTable(table: HistoryTable) {
  return (context: RequestContext): RouteResult => {
    const { scenario, state } = context;
    const access = tableAccess(scenario, table);
    if (access === "none") {
      const category = CATEGORIES[table] ?? table;
      throw new HttpError(
        403,
        "permission.denied",
        `The service user does not have permissions to access this table: View on the ${category} category is required.`,
      );
    }

    const employee = findEmployee(context, context.params[0] ?? "", { byEmail: false });
    const today = isoDate(state.now());
    if (!canAccessEmployee(scenario, employee, today)) {
      throw new HttpError(403, "permission.denied", EMPLOYEE_FORBIDDEN);
    }

    // NOTE: HiBob does not document the row order. Rows come oldest first.
    const rows = tableRows(employee, table);
    const visibleRows = access === "all" ? rows : [currentRow(rows, today)];
    return {
      status: 200,
      body: { values: visibleRows.map((row) => renderRow(context, row)) },
    };
  };
}

/**
 * Returns the requested fields (or the default ones) that the service user
 * may see. Unknown field ids and fields without permission are dropped
 * silently, as HiBob does.
 */
function visibleFields(
  scenario: SimulatorScenario,
  requested: string[] | undefined,
): FieldDefinition[] {
  const candidates =
    requested === undefined
      ? FIELDS.filter((definition) =>
          DEFAULT_SEARCH_CATEGORIES.includes(categoryOf(scenario, definition).categoryId),
        )
      : [...new Set(requested)]
          .map((id) => findField(id))
          .filter((definition) => definition !== undefined);
  return candidates.filter((definition) => canViewField(scenario, definition));
}

function matchesFilter(employee: Employee, filter: EmployeeFilter | undefined): boolean {
  if (!filter) {
    return true;
  }
  if (filter.fieldPath === "root.id") {
    return filter.values.includes(employee.id);
  }
  const email = employee.email.toLowerCase();
  return filter.values.some((value) => value.toLowerCase() === email);
}

function findEmployee(
  context: RequestContext,
  identifier: string,
  options: { byEmail: boolean },
): Employee {
  const lowerCaseIdentifier = identifier.toLowerCase();
  const employee = context.state.company.employees.find(
    (candidate) =>
      candidate.id === identifier ||
      (options.byEmail && candidate.email.toLowerCase() === lowerCaseIdentifier),
  );
  if (!employee) {
    throw new HttpError(
      404,
      "employee.notFound",
      `No employee with ${options.byEmail ? "ID or email" : "ID"} "${identifier}" was found.`,
    );
  }
  return employee;
}

type TableRow = WorkRow | EmploymentRow | LifecycleRow;

function tableRows(employee: Employee, table: HistoryTable): TableRow[] {
  switch (table) {
    case "work":
      return employee.work;
    case "employment":
      return employee.employment;
    case "lifecycle":
      return employee.lifecycle;
  }
}

/** Renders a table row in HiBob's shape. Work rows expand the manager reference. */
function renderRow(context: RequestContext, row: TableRow): Record<string, unknown> {
  if (!("reportsToId" in row)) {
    return { ...row };
  }
  const { reportsToId, ...rest } = row;
  const manager =
    reportsToId === null ? undefined : employeeById(context.state.company, reportsToId);
  return {
    ...rest,
    reportsTo: manager
      ? {
          id: manager.id,
          firstName: manager.firstName,
          surname: manager.surname,
          email: manager.email,
          displayName: manager.displayName,
        }
      : null,
    customColumns: {},
  };
}
