// Field metadata and employee objects as the probe reads them: which catalogue
// category a field currently belongs to, and whether a search returned it.
import type { EmployeeRecord, FieldMetadata } from "@/lib/hibob/client";
import {
  PERMISSION_CATEGORIES,
  type PermissionCategory,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

/** Fields the probe reads for its own checks, whatever their category. */
export const FIELD = {
  id: "root.id",
  lifecycleStatus: "internal.lifecycleStatus",
  startDate: "work.startDate",
  workEffectiveDate: "work.activeEffectiveDate",
  employmentEffectiveDate: "payroll.employment.activeEffectiveDate",
  lifecycleEffectiveDate: "internal.currentActiveStatusStartDate",
  birthDate: "personal.birthDate",
  age: "personal.age",
  ssn: "identification.ssn",
} as const;

/** Fields HiBob returns only to users with both View and Edit on the field's category. */
export const SENSITIVE_FIELD_IDS: readonly string[] = [
  FIELD.birthDate,
  FIELD.age,
  FIELD.ssn,
];

/** Field metadata indexed by id, with each field's catalogue category. */
export type FieldIndex = {
  byId: ReadonlyMap<string, FieldMetadata>;
  /** Fields grouped by the catalogue category they currently belong to. */
  byCategory: ReadonlyMap<PermissionCategoryId, readonly FieldMetadata[]>;
  categoryOf(fieldId: string): PermissionCategoryId | undefined;
};

/**
 * Returns the catalogue category of a field's current HiBob category: by
 * HiBob's category id first, then by display name ignoring case.
 */
export function matchCatalogueCategory(
  field: Pick<FieldMetadata, "categoryId" | "categoryDisplayName">,
): PermissionCategory | undefined {
  const byId =
    field.categoryId === null
      ? undefined
      : PERMISSION_CATEGORIES.find((category) =>
          category.hibobCategoryIds.includes(field.categoryId as string),
        );
  if (byId !== undefined) {
    return byId;
  }
  const displayName = field.categoryDisplayName?.trim().toLowerCase();
  if (displayName === undefined || displayName === "") {
    return undefined;
  }
  return PERMISSION_CATEGORIES.find(
    (category) => category.name.toLowerCase() === displayName,
  );
}

export function indexFields(metadata: readonly FieldMetadata[]): FieldIndex {
  const byId = new Map<string, FieldMetadata>();
  const categories = new Map<string, PermissionCategoryId>();
  const byCategory = new Map<PermissionCategoryId, FieldMetadata[]>();

  for (const field of metadata) {
    if (byId.has(field.id)) {
      continue;
    }
    byId.set(field.id, field);
    const category = matchCatalogueCategory(field);
    if (category === undefined) {
      continue;
    }
    categories.set(field.id, category.id);
    const list = byCategory.get(category.id) ?? [];
    list.push(field);
    byCategory.set(category.id, list);
  }

  return {
    byId,
    byCategory,
    categoryOf: (fieldId) => categories.get(fieldId),
  };
}

/** Returns the name HiBob's UI shows for a field's current category. */
export function hibobCategoryName(field: FieldMetadata): string {
  return (
    field.categoryDisplayName ??
    matchCatalogueCategory(field)?.name ??
    field.categoryId ??
    "unknown"
  );
}

function slashKey(fieldId: string): string {
  return `/${fieldId.split(".").join("/")}`;
}

/**
 * Returns the paths where a nested employee object may carry the field.
 * Basic info fields sit at the top level (`root.email` as `email`).
 */
function nestedPaths(field: Pick<FieldMetadata, "id" | "jsonPath">): string[][] {
  const segments = field.id.split(".");
  const paths = [segments];
  if (segments[0] === "root" && segments.length > 1) {
    paths.push(segments.slice(1));
  }
  if (field.jsonPath !== null && field.jsonPath !== field.id) {
    paths.push(field.jsonPath.split("."));
  }
  return paths;
}

function readPath(record: EmployeeRecord, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) {
      return undefined;
    }
    if (!Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

type FieldRef = Pick<FieldMetadata, "id" | "jsonPath">;

function toFieldRef(field: FieldRef | string): FieldRef {
  return typeof field === "string" ? { id: field, jsonPath: null } : field;
}

/**
 * Tells whether the employee object carries the field, under its slash key or
 * nested. A key that is present with the value null still counts, because
 * HiBob omits the keys of fields the service user may not see.
 */
export function hasField(employee: EmployeeRecord, field: FieldRef | string): boolean {
  const ref = toFieldRef(field);
  if (employee[slashKey(ref.id)] !== undefined) {
    return true;
  }
  return nestedPaths(ref).some((path) => readPath(employee, path) !== undefined);
}

/** Returns the field's machine value, or undefined when it is absent or null. */
export function readFieldValue(
  employee: EmployeeRecord,
  field: FieldRef | string,
): unknown {
  const ref = toFieldRef(field);
  const slashed = employee[slashKey(ref.id)];
  if (typeof slashed === "object" && slashed !== null && "value" in slashed) {
    const value = (slashed as { value: unknown }).value;
    if (value !== null && value !== undefined) {
      return value;
    }
  }
  for (const path of nestedPaths(ref)) {
    const value = readPath(employee, path);
    if (value !== null && value !== undefined) {
      return value;
    }
  }
  return undefined;
}

/** Returns a date value as YYYY-MM-DD, or undefined when it is not a date. */
export function toIsoDate(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined;
  }
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  if (match?.[1] !== undefined) {
    return match[1];
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString().slice(0, 10);
}

/** Returns the employee's HiBob id from `root.id` or the top-level `id`. */
export function readEmployeeId(employee: EmployeeRecord): string | undefined {
  const value = readFieldValue(employee, FIELD.id);
  if (typeof value === "string" && value !== "") {
    return value;
  }
  return typeof value === "number" ? String(value) : undefined;
}
