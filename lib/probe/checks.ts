// The probe's checks: which fields to request, and what the returned employees
// and history rows prove about each permission. Pure functions; the engine
// makes the HTTP calls.
import type {
  EmployeeRecord,
  EmployeeTable,
  FieldMetadata,
  TableRow,
} from "@/lib/hibob/client";
import { MAX_SEARCH_FIELDS } from "@/lib/hibob/client";
import {
  REQUIRED_LIFECYCLE_STATUSES,
  type LifecycleStatus,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

import {
  FIELD,
  SENSITIVE_FIELD_IDS,
  hasField,
  hibobCategoryName,
  readEmployeeId,
  readFieldValue,
  toIsoDate,
  type FieldIndex,
} from "./fields";

/** Finding about one permission. "unknown" means the API cannot show it. */
export type Evidence = "granted" | "missing" | "unknown";

/** Reason a history permission could not be verified. */
export type HistoryUnknownReason =
  "view_missing" | "no_candidate" | "inconclusive" | "employee_not_found";

export type HistoryEvidence =
  { result: "granted" | "missing" } | { result: "unknown"; reason: HistoryUnknownReason };

/** Date of birth found in a HiBob category other than Personal. */
export type MovedField = {
  fieldName: string;
  hibobCategoryName: string;
  /** Permissions missing on that category, or [] when the field is visible. */
  missing: ("view" | "edit")[];
};

export type HistoryTableCheck = {
  table: EmployeeTable;
  category: PermissionCategoryId;
  /** Field holding the date the employee's current table row took effect. */
  currentRowDateField: string;
};

export const HISTORY_TABLE_CHECKS: readonly HistoryTableCheck[] = [
  { table: "work", category: "work", currentRowDateField: FIELD.workEffectiveDate },
  {
    table: "employment",
    category: "employment",
    currentRowDateField: FIELD.employmentEffectiveDate,
  },
  {
    table: "lifecycle",
    category: "lifecycle",
    currentRowDateField: FIELD.lifecycleEffectiveDate,
  },
];

/** Employee whose current table row took effect after the start date, so older rows exist. */
export type HistoryCandidate = {
  employeeId: string;
  startDate: string;
  currentRowDate: string;
};

/**
 * Lists the fields for the main search: the probe's own fields first, then
 * fields of each category in turn until HiBob's limit of 400, so that every
 * category is represented even in an account with many custom fields.
 */
export function planSearchFields(
  index: FieldIndex,
  required: readonly PermissionCategoryId[],
): string[] {
  const selected = new Set<string>();
  const add = (id: string) => {
    if (selected.size < MAX_SEARCH_FIELDS && index.byId.has(id)) {
      selected.add(id);
    }
  };

  for (const id of Object.values(FIELD)) {
    add(id);
  }

  const buckets: (readonly FieldMetadata[])[] = required.map(
    (category) => index.byCategory.get(category) ?? [],
  );
  // When date of birth has moved out of Personal, the other fields of its new
  // category tell missing View apart from missing Edit.
  const birthDate = index.byId.get(FIELD.birthDate);
  if (
    required.includes("personal") &&
    birthDate !== undefined &&
    index.categoryOf(birthDate.id) !== "personal"
  ) {
    buckets.push(fieldsInSameHibobCategory(index, birthDate));
  }

  for (let position = 0; selected.size < MAX_SEARCH_FIELDS; position += 1) {
    const round = buckets.filter((bucket) => position < bucket.length);
    if (round.length === 0) {
      break;
    }
    for (const bucket of round) {
      const field = bucket[position];
      if (field !== undefined) {
        add(field.id);
      }
    }
  }
  return [...selected];
}

function fieldsInSameHibobCategory(
  index: FieldIndex,
  field: FieldMetadata,
): FieldMetadata[] {
  return [...index.byId.values()].filter(
    (other) =>
      other.id !== field.id &&
      other.categoryId === field.categoryId &&
      other.categoryDisplayName === field.categoryDisplayName,
  );
}

function anyEmployeeHas(
  employees: readonly EmployeeRecord[],
  field: FieldMetadata,
): boolean {
  return employees.some((employee) => hasField(employee, field));
}

/**
 * Checks View on a category: granted when any requested field of the category
 * came back on any employee, unknown when HiBob lists no field in it.
 */
export function checkView(
  index: FieldIndex,
  category: PermissionCategoryId,
  requestedFields: ReadonlySet<string>,
  employees: readonly EmployeeRecord[],
): Evidence {
  const fields = (index.byCategory.get(category) ?? []).filter((field) =>
    requestedFields.has(field.id),
  );
  if (fields.length === 0) {
    return "unknown";
  }
  // NOTE: a category whose fields are empty for every employee looks the
  // same as one the service user may not view, because HiBob omits both.
  return fields.some((field) => anyEmployeeHas(employees, field)) ? "granted" : "missing";
}

/**
 * Checks Edit on a category other than Personal. Only a visible sensitive
 * field proves it; nothing the API returns proves it absent.
 */
export function checkEditBySensitiveFields(
  index: FieldIndex,
  category: PermissionCategoryId,
  employees: readonly EmployeeRecord[],
): Evidence {
  const sensitive = SENSITIVE_FIELD_IDS.flatMap((id) => {
    const field = index.byId.get(id);
    return field !== undefined && index.categoryOf(id) === category ? [field] : [];
  });
  return sensitive.some((field) => anyEmployeeHas(employees, field))
    ? "granted"
    : "unknown";
}

export type PersonalEditEvidence = {
  edit: Evidence;
  /** Set when date of birth now lives in another HiBob category. */
  moved?: MovedField;
};

/**
 * Checks Edit on Personal through date of birth, which HiBob returns only with
 * both View and Edit on the field's current category.
 */
export function checkPersonalEdit(
  index: FieldIndex,
  personalView: Evidence,
  employees: readonly EmployeeRecord[],
): PersonalEditEvidence {
  const birthDate = index.byId.get(FIELD.birthDate);
  if (birthDate === undefined) {
    return { edit: checkEditBySensitiveFields(index, "personal", employees) };
  }

  const visible = anyEmployeeHas(employees, birthDate);
  if (index.categoryOf(birthDate.id) === "personal") {
    if (
      visible ||
      checkEditBySensitiveFields(index, "personal", employees) === "granted"
    ) {
      return { edit: "granted" };
    }
    // NOTE: an account where no employee has a date of birth entered looks
    // the same as one without Edit.
    return { edit: personalView === "granted" ? "missing" : "unknown" };
  }

  const fieldName = birthDate.name ?? "Date of birth";
  const categoryName = hibobCategoryName(birthDate);
  if (visible) {
    return {
      edit: "granted",
      moved: { fieldName, hibobCategoryName: categoryName, missing: [] },
    };
  }
  const neighbours = fieldsInSameHibobCategory(index, birthDate);
  const neighbourVisible = neighbours.some((field) => anyEmployeeHas(employees, field));
  return {
    edit: "missing",
    moved: {
      fieldName,
      hibobCategoryName: categoryName,
      missing: neighbourVisible ? ["edit"] : ["view", "edit"],
    },
  };
}

/**
 * Picks the employee whose history proves the most: one whose current row
 * took effect after the start date, so HiBob must hold older rows. Prefers
 * the longest gap. Returns undefined when no visible employee qualifies.
 */
export function chooseHistoryCandidate(
  employees: readonly EmployeeRecord[],
  check: HistoryTableCheck,
): HistoryCandidate | undefined {
  let best: HistoryCandidate | undefined;
  for (const employee of employees) {
    const employeeId = readEmployeeId(employee);
    const startDate = toIsoDate(readFieldValue(employee, FIELD.startDate));
    const currentRowDate = toIsoDate(readFieldValue(employee, check.currentRowDateField));
    if (
      employeeId === undefined ||
      startDate === undefined ||
      currentRowDate === undefined
    ) {
      continue;
    }
    if (currentRowDate <= startDate) {
      continue;
    }
    if (
      best === undefined ||
      daysBetween(startDate, currentRowDate) >
        daysBetween(best.startDate, best.currentRowDate)
    ) {
      best = { employeeId, startDate, currentRowDate };
    }
  }
  return best;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

/** Reads the candidate's table rows: more than one row proves the history permission. */
export function evaluateHistoryRows(
  rows: readonly TableRow[],
  candidate: HistoryCandidate,
): HistoryEvidence {
  if (rows.length > 1) {
    return { result: "granted" };
  }
  const only = rows[0];
  const effectiveDate = only === undefined ? undefined : toIsoDate(only.effectiveDate);
  if (effectiveDate !== undefined && effectiveDate > candidate.startDate) {
    return { result: "missing" };
  }
  return { result: "unknown", reason: "inconclusive" };
}

export type AccessScopeEvidence = {
  seen: LifecycleStatus[];
  missing: LifecycleStatus[];
  unknown: LifecycleStatus[];
  /** Whether statuses came from the lifecycle status field or were inferred. */
  source: "lifecycle_status" | "inferred";
};

const LIFECYCLE_STATUS_ALIASES: ReadonlyMap<string, LifecycleStatus> = new Map([
  ["hired", "hired"],
  ["employed", "employed"],
  // Employees on leave count as employed for the access rights condition.
  ["leave", "employed"],
  ["terminated", "terminated"],
]);

/**
 * Finds which lifecycle statuses the service user's access rights let through,
 * from the visible employees (searched with showInactive) and the count of
 * active ones. A status that no employee in the company has looks the same as
 * an excluded one, and the fix text states this.
 */
export function checkAccessScope(input: {
  index: FieldIndex;
  employees: readonly EmployeeRecord[];
  activeCount: number;
  today: string;
}): AccessScopeEvidence {
  const { index, employees, activeCount, today } = input;
  const statusField = index.byId.get(FIELD.lifecycleStatus);
  const withStatus =
    statusField === undefined
      ? []
      : employees.filter((employee) => hasField(employee, statusField));

  const fromStatusField = new Set<LifecycleStatus>();
  for (const employee of withStatus) {
    const value =
      statusField === undefined ? undefined : readFieldValue(employee, statusField);
    const status =
      typeof value === "string"
        ? LIFECYCLE_STATUS_ALIASES.get(value.trim().toLowerCase())
        : undefined;
    if (status !== undefined) {
      fromStatusField.add(status);
    }
  }
  // Values the probe does not recognise, such as list item ids, fall through
  // to the inference below instead of making every status look excluded.
  if (fromStatusField.size > 0) {
    if (employees.length - activeCount > 0) {
      fromStatusField.add("terminated");
    }
    return splitStatuses(fromStatusField, new Set(), "lifecycle_status");
  }

  const seen = new Set<LifecycleStatus>();
  const unknown = new Set<LifecycleStatus>();
  if (employees.length - activeCount > 0) {
    seen.add("terminated");
  }

  const startDates = employees.flatMap((employee) => {
    const date = toIsoDate(readFieldValue(employee, FIELD.startDate));
    return date === undefined ? [] : [date];
  });
  const futureStarts = startDates.filter((date) => date > today).length;
  if (startDates.length === 0) {
    unknown.add("hired");
    unknown.add("employed");
  } else {
    if (futureStarts > 0) {
      seen.add("hired");
    }
    if (activeCount > futureStarts) {
      seen.add("employed");
    }
  }
  return splitStatuses(seen, unknown, "inferred");
}

function splitStatuses(
  seen: ReadonlySet<LifecycleStatus>,
  unknown: ReadonlySet<LifecycleStatus>,
  source: AccessScopeEvidence["source"],
): AccessScopeEvidence {
  const statuses = REQUIRED_LIFECYCLE_STATUSES;
  return {
    seen: statuses.filter((status) => seen.has(status)),
    unknown: statuses.filter((status) => !seen.has(status) && unknown.has(status)),
    missing: statuses.filter((status) => !seen.has(status) && !unknown.has(status)),
    source,
  };
}
