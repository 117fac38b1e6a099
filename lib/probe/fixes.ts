// Fix instructions for the HR admin: where in HiBob to go, which permission to
// turn on, and why the vendor needs it. HiBob renames its menus from time to
// time, so the texts name the place rather than exact button labels.
import {
  describePermission,
  type LifecycleStatus,
  type PermissionCategory,
  type PermissionKind,
} from "@/lib/hibob/categories";

import type { MovedField } from "./checks";

/** Reason a required permission could not be verified through HiBob's API. */
export type UnverifiedReason =
  /** HiBob has no API for it, or lists no field in the category. */
  | "no_api"
  /** Only a visible sensitive field would prove it, and none is in the category. */
  | "not_provable"
  /** View on the category is missing, so nothing else in it can be read. */
  | "needs_view"
  /** No employee is visible, so no category can be checked yet. */
  | "needs_employees"
  /** No visible employee has a change after the start date in this table. */
  | "no_history_candidate"
  /** The sample employee's history rows did not settle the question. */
  | "history_inconclusive";

export type UnverifiedPermission = { kind: PermissionKind; reason: UnverifiedReason };

export type CategoryFixInput = {
  category: PermissionCategory;
  /** Permissions missing on the category itself. */
  missing: readonly PermissionKind[];
  unverified: readonly UnverifiedPermission[];
  /** Date of birth found in another HiBob category, with what is missing there. */
  moved?: MovedField;
};

const OPEN_PERMISSION_GROUP =
  "open Settings › Permission groups and choose the group your service user belongs to";
const PERMISSION_GROUP_PLACE = `In HiBob, ${OPEN_PERMISSION_GROUP}`;

const EDIT_NOTE =
  "Edit is requested only because HiBob hides sensitive fields, such as the full date of birth, from users without it. The vendor never changes employee data.";

const NO_CHANGE_NOTE = "The vendor never changes employee data.";

/** Returns a permission's label for any HiBob category name, as HiBob words it. */
export function permissionLabel(categoryName: string, kind: PermissionKind): string {
  switch (kind) {
    case "view":
      return `View selected employees' ${categoryName} sections`;
    case "edit":
      return `Edit selected employees' ${categoryName} sections`;
    case "view_history":
      return `View selected employees' ${categoryName} section histories`;
  }
}

function quoteList(labels: readonly string[]): string {
  const quoted = labels.map((label) => `"${label}"`);
  if (quoted.length <= 1) {
    return quoted.join("");
  }
  return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}

function labelsFor(
  category: PermissionCategory,
  kinds: readonly PermissionKind[],
): string[] {
  return [...new Set(kinds.map((kind) => describePermission(category, kind)))];
}

/** Returns the note on Edit that the category's catalogue reason does not already give. */
function editNote(reason: string): string {
  if (reason.includes("Edit is requested")) {
    return NO_CHANGE_NOTE;
  }
  // Personal's reason states that date of birth needs View and Edit, but not that
  // this is the only reason.
  if (/\bEdit\b/.test(reason)) {
    return `Edit is requested only for this reason. ${NO_CHANGE_NOTE}`;
  }
  return EDIT_NOTE;
}

function whySentence(category: PermissionCategory, mentionsEdit: boolean): string {
  const why = `Why it is needed: ${category.reason}`;
  return mentionsEdit ? `${why} ${editNote(category.reason)}` : why;
}

function missingSentence(
  category: PermissionCategory,
  missing: readonly PermissionKind[],
): string {
  return `${PERMISSION_GROUP_PLACE}, then under People's data › ${category.name} turn on ${quoteList(labelsFor(category, missing))}.`;
}

function movedSentence(moved: MovedField): string {
  const kinds = moved.missing;
  const grant =
    kinds.length === 2 ? "View and Edit" : kinds.includes("edit") ? "Edit" : "View";
  const labels = kinds.map((kind) => permissionLabel(moved.hibobCategoryName, kind));
  return `${moved.fieldName} now lives in the "${moved.hibobCategoryName}" category in your HiBob account, so grant ${grant} on that category: in the same permission group, under People's data › ${moved.hibobCategoryName}, turn on ${quoteList(labels)}.`;
}

function unverifiedSentence(
  category: PermissionCategory,
  reason: UnverifiedReason,
  kinds: readonly PermissionKind[],
): string {
  const labels = quoteList(labelsFor(category, kinds));
  const place = `under People's data › ${category.name}`;
  const isOn = kinds.length > 1 ? "are turned on" : "is turned on";
  switch (reason) {
    case "no_api":
      if (category.id === "history") {
        return `HiBob's API cannot read profile change history, so this permission can't be checked automatically. ${PERMISSION_GROUP_PLACE}, then ${place} make sure ${labels} ${isOn}.`;
      }
      return `HiBob lists no fields in the ${category.name} category, so this can't be checked automatically. ${PERMISSION_GROUP_PLACE}, then ${place} make sure ${labels} ${isOn}.`;
    case "not_provable":
      return `HiBob's API does not show whether Edit is granted on ${category.name}, so check it by hand: in HiBob, ${OPEN_PERMISSION_GROUP}, then ${place} make sure ${labels} ${isOn}.`;
    case "needs_view":
      return `These can be checked only once View is granted, so ${place} also turn on ${labels}.`;
    case "needs_employees":
      return `This can be checked once the service user can see employees. First fix Basic info and run the check again. Meanwhile, in HiBob, ${OPEN_PERMISSION_GROUP}, then ${place} make sure ${labels} ${isOn}.`;
    case "no_history_candidate":
      return `No visible employee has a change in their ${category.name} data after their start date, so HiBob's answers can't show whether older entries are hidden. ${PERMISSION_GROUP_PLACE}, then ${place} make sure ${labels} ${isOn}.`;
    case "history_inconclusive":
      return `A sample employee's ${category.name} history did not show whether older entries are hidden. ${PERMISSION_GROUP_PLACE}, then ${place} make sure ${labels} ${isOn}.`;
  }
}

/**
 * Builds the fix for one category: what to turn on, what to check by hand,
 * and why. Returns "" when nothing is missing or unverified.
 */
export function buildCategoryFix(input: CategoryFixInput): string {
  const { category, missing, unverified, moved } = input;
  const movedMissing =
    moved !== undefined && moved.missing.length > 0 ? moved : undefined;
  if (missing.length === 0 && unverified.length === 0 && movedMissing === undefined) {
    return "";
  }

  const sentences: string[] = [];
  if (missing.length > 0) {
    sentences.push(missingSentence(category, missing));
  }
  if (movedMissing !== undefined) {
    sentences.push(movedSentence(movedMissing));
  }

  const byReason = new Map<UnverifiedReason, PermissionKind[]>();
  for (const entry of unverified) {
    const kinds = byReason.get(entry.reason) ?? [];
    kinds.push(entry.kind);
    byReason.set(entry.reason, kinds);
  }
  for (const [reason, kinds] of byReason) {
    sentences.push(unverifiedSentence(category, reason, kinds));
  }

  const mentionsEdit =
    missing.includes("edit") ||
    unverified.some((entry) => entry.kind === "edit") ||
    (movedMissing?.missing.includes("edit") ?? false);
  sentences.push(whySentence(category, mentionsEdit));
  return sentences.join(" ");
}

const STATUS_NAMES: Record<LifecycleStatus, string> = {
  hired: "Hired",
  employed: "Employed",
  terminated: "Terminated",
};

const ACCESS_RIGHTS_STEP = `${PERMISSION_GROUP_PLACE}, then under People's data › Access rights choose "Select people by condition" and set the condition to Lifecycle status Hired, Employed and Terminated. With "Everyone", HiBob gives access to active employees only.`;

function statusList(statuses: readonly LifecycleStatus[]): string {
  const names = statuses.map((status) => STATUS_NAMES[status]);
  if (names.length <= 1) {
    return names.join("");
  }
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** Builds the fix for access rights that let no employee of some lifecycle statuses through. */
export function buildAccessScopeFix(missing: readonly LifecycleStatus[]): string {
  if (missing.length === 0) {
    return "";
  }
  const list = statusList(missing);
  return `The service user sees no ${list} employees. ${ACCESS_RIGHTS_STEP} If your company has no ${list} employees at the moment, HiBob's responses look the same, so you can ignore this once you have checked the condition.`;
}

/** Builds the instruction for access rights that the probe could not check. */
export function buildUnverifiableAccessScopeFix(input: {
  noEmployees: boolean;
  unknown: readonly LifecycleStatus[];
}): string {
  const why = input.noEmployees
    ? "The access rights can be checked only once the service user sees employees."
    : `The check could not tell whether ${statusList(input.unknown)} employees are visible, because the fields that show it are hidden.`;
  return `${why} ${ACCESS_RIGHTS_STEP}`;
}

/**
 * Builds the Basic info fix for a search that returned no employee. HiBob
 * returns the same empty result when the service user is in no permission
 * group and when its group lacks View on Basic info, so the fix covers both.
 */
export function buildNoEmployeesBasicInfoFix(category: PermissionCategory): string {
  const label = describePermission(category, "view");
  return `${PERMISSION_GROUP_PLACE}, or create one and add the service user as a member. Then, in that group, under People's data › ${category.name} turn on "${label}". ${whySentence(category, false)}`;
}
