// The permission model: which employees a service user may read (access
// rights) and which fields and tables (category permissions). Permissions
// follow a field's current category, which the company may have changed.
import type { Employee } from "./company";
import type { IsoDate } from "./dates";
import { CATEGORIES, type FieldDefinition } from "./fields";
import { currentRow, isActive } from "./history";
import type { CategoryPermission, SimulatorScenario } from "./scenarios";

export type FieldCategory = { categoryId: string; categoryDisplayName: string };

export type HistoryTable = "work" | "employment" | "lifecycle";

/** Returns the field's category in the scenario's company, after customisation. */
export function categoryOf(
  scenario: SimulatorScenario,
  field: FieldDefinition,
): FieldCategory {
  const override = scenario.fieldOverrides?.[field.id];
  if (override) {
    return override;
  }
  return {
    categoryId: field.categoryId,
    categoryDisplayName: CATEGORIES[field.categoryId] ?? field.categoryId,
  };
}

export function permissionOn(
  scenario: SimulatorScenario,
  categoryId: string,
): CategoryPermission {
  return scenario.permissionGroup?.categories[categoryId] ?? {};
}

/** Sensitive fields (full date of birth, age, SSN) also need Edit on their category. */
export function canViewField(
  scenario: SimulatorScenario,
  field: FieldDefinition,
): boolean {
  const permission = permissionOn(scenario, categoryOf(scenario, field).categoryId);
  if (!permission.view) {
    return false;
  }
  return field.sensitive ? permission.edit === true : true;
}

/** Without View on Basic info, HiBob returns no employee at all. */
export function canViewBasicInfo(scenario: SimulatorScenario): boolean {
  return permissionOn(scenario, "root").view === true;
}

/**
 * Returns whether the employee is within the service user's access rights.
 * "Everyone" covers active employees only. A condition on lifecycle status
 * matches the employee's current status.
 */
export function canAccessEmployee(
  scenario: SimulatorScenario,
  employee: Employee,
  today: IsoDate,
): boolean {
  const accessRights = scenario.permissionGroup?.accessRights;
  if (accessRights === undefined) {
    return false;
  }
  if (accessRights === "everyone") {
    return isActive(employee, today);
  }
  const status = currentRow(employee.lifecycle, today).status;
  return accessRights.lifecycleStatuses.includes(status);
}

/**
 * Returns which rows of a history table the service user may read: none
 * without View, the current row with View only, and all rows with View
 * histories. Tables use their own category, not the categories of moved fields.
 */
export function tableAccess(
  scenario: SimulatorScenario,
  table: HistoryTable,
): "none" | "current" | "all" {
  const permission = permissionOn(scenario, table);
  if (!permission.view) {
    return "none";
  }
  return permission.viewHistory ? "all" : "current";
}
