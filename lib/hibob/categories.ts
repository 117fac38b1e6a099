// The People's-data categories the product can require, with the permissions
// each needs and the reason, as the wizard teaches them. Shared by the probe
// engine, the wizard pages and the CLI; contains no server code.

export const PERMISSION_CATEGORY_IDS = [
  "basic_info",
  "employment",
  "history",
  "identification",
  "lifecycle",
  "personal",
  "personal_contact_details",
  "work",
  "work_contact_details",
] as const;

export type PermissionCategoryId = (typeof PERMISSION_CATEGORY_IDS)[number];

export const PERMISSION_KINDS = ["view", "edit", "view_history"] as const;

export type PermissionKind = (typeof PERMISSION_KINDS)[number];

export type PermissionCategory = {
  id: PermissionCategoryId;
  /** Category name as HiBob's permission screen shows it. */
  name: string;
  /**
   * HiBob's own category ids for this category in field metadata
   * (`categoryId`). Matching also falls back to `name`.
   */
  hibobCategoryIds: readonly string[];
  permissions: readonly PermissionKind[];
  /** Why the vendor needs it, in the HR admin's terms. */
  reason: string;
};

export const PERMISSION_CATEGORIES: readonly PermissionCategory[] = [
  {
    id: "basic_info",
    name: "Basic info",
    hibobCategoryIds: ["root"],
    permissions: ["view"],
    reason:
      "Names, email addresses and employee IDs. HiBob returns no employee at all without it.",
  },
  {
    id: "employment",
    name: "Employment",
    hibobCategoryIds: ["employment"],
    permissions: ["view", "view_history"],
    reason: "Contract type, FTE and weekly hours, and how they changed over time.",
  },
  {
    id: "history",
    name: "History",
    hibobCategoryIds: ["history"],
    permissions: ["view"],
    reason: "The history of changes made to employee profiles.",
  },
  {
    id: "identification",
    name: "Identification",
    hibobCategoryIds: ["identification"],
    permissions: ["view"],
    reason: "Identification numbers such as passport or national ID numbers.",
  },
  {
    id: "lifecycle",
    name: "Lifecycle",
    hibobCategoryIds: ["lifecycle", "internal"],
    permissions: ["view", "edit", "view_history"],
    reason:
      "Employment status (hired, employed, terminated) and its history. Edit is requested only because HiBob shows some sensitive fields only with both View and Edit.",
  },
  {
    id: "personal",
    name: "Personal",
    hibobCategoryIds: ["personal"],
    permissions: ["view", "edit"],
    reason:
      "Personal details. HiBob returns the full date of birth only when both View and Edit are granted.",
  },
  {
    id: "personal_contact_details",
    name: "Personal contact details",
    hibobCategoryIds: ["home", "personalContactDetails"],
    permissions: ["view", "edit"],
    reason:
      "Private email address and phone numbers. Edit is requested only because HiBob shows some sensitive fields only with both View and Edit.",
  },
  {
    id: "work",
    name: "Work",
    hibobCategoryIds: ["work"],
    permissions: ["view", "view_history"],
    reason: "Job title, department, site, manager and start date, and their history.",
  },
  {
    id: "work_contact_details",
    name: "Work contact details",
    hibobCategoryIds: ["workContact", "workContactDetails"],
    permissions: ["view"],
    reason: "Work phone and mobile numbers.",
  },
];

export const PERMISSION_LABELS: Record<PermissionKind, string> = {
  view: "View sections",
  edit: "Edit sections",
  view_history: "View section histories",
};

/** Lifecycle statuses the service user's access rights must include. */
export const REQUIRED_LIFECYCLE_STATUSES = ["hired", "employed", "terminated"] as const;

export type LifecycleStatus = (typeof REQUIRED_LIFECYCLE_STATUSES)[number];

export function getPermissionCategory(id: PermissionCategoryId): PermissionCategory {
  const category = PERMISSION_CATEGORIES.find((candidate) => candidate.id === id);
  if (!category) {
    throw new Error(`Unknown permission category "${id}".`);
  }
  return category;
}

export function isPermissionCategoryId(value: string): value is PermissionCategoryId {
  return (PERMISSION_CATEGORY_IDS as readonly string[]).includes(value);
}

/**
 * Returns the permission's label as HiBob's permission screen words it, for
 * example "View selected employees' Work section histories".
 */
export function describePermission(
  category: PermissionCategory,
  kind: PermissionKind,
): string {
  if (category.id === "history") {
    return "View selected employees' profile changes history";
  }
  switch (kind) {
    case "view":
      return `View selected employees' ${category.name} sections`;
    case "edit":
      return `Edit selected employees' ${category.name} sections`;
    case "view_history":
      return `View selected employees' ${category.name} section histories`;
  }
}
