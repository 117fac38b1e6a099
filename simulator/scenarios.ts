// The simulator's service users. Each scenario is one service user with its
// permission group and its company's field customisation, written as data so
// that a new scenario is a few lines. All scenarios read the same fake company.

export type LifecycleStatus = "hired" | "employed" | "leave" | "terminated";

export type CategoryPermission = {
  view?: boolean;
  edit?: boolean;
  viewHistory?: boolean;
};

export type PermissionGroup = {
  /**
   * Whose data the group may read. "everyone" is HiBob's default and covers
   * active employees only (hired, employed and on leave), never terminated ones.
   */
  accessRights: "everyone" | { lifecycleStatuses: LifecycleStatus[] };
  /** Granted permissions, keyed by simulator category id (for example "work"). */
  categories: Record<string, CategoryPermission>;
};

export type FieldOverride = { categoryId: string; categoryDisplayName: string };

export type SimulatorScenario = {
  id: string;
  /** Short human title, for example "Full access". */
  label: string;
  /** One sentence on what is configured. */
  description: string;
  serviceUserId: string;
  /** The token a client should send. For `wrong-token` it is not the accepted one. */
  token: string;
  /** The token the simulator accepts, when it differs from `token`. */
  acceptedToken?: string;
  /** Permission group of the service user, or undefined when the user is in no group. */
  permissionGroup?: PermissionGroup;
  /** Fields the company moved to another (possibly custom) category, keyed by field id. */
  fieldOverrides?: Record<string, FieldOverride>;
};

const ALL_STATUSES: LifecycleStatus[] = ["hired", "employed", "terminated"];

const FULL_CATEGORIES: Record<string, CategoryPermission> = {
  root: { view: true, edit: true },
  work: { view: true, edit: true, viewHistory: true },
  workContact: { view: true, edit: true },
  employment: { view: true, edit: true, viewHistory: true },
  lifecycle: { view: true, edit: true, viewHistory: true },
  personal: { view: true, edit: true },
  home: { view: true, edit: true },
  identification: { view: true, edit: true },
  about: { view: true, edit: true },
  address: { view: true, edit: true, viewHistory: true },
};

/** Builds a full-access group with some categories replaced. A `null` change removes the category. */
function fullAccessWith(
  changes: Record<string, CategoryPermission | null> = {},
  accessRights: PermissionGroup["accessRights"] = { lifecycleStatuses: ALL_STATUSES },
): PermissionGroup {
  const categories: Record<string, CategoryPermission> = { ...FULL_CATEGORIES };
  for (const [categoryId, permission] of Object.entries(changes)) {
    if (permission === null) {
      delete categories[categoryId];
    } else {
      categories[categoryId] = permission;
    }
  }
  return { accessRights, categories };
}

export const CUSTOM_CATEGORY_ID = "category_1712345678901";
export const CUSTOM_CATEGORY_NAME = "Sensitive details";

export const SCENARIOS: readonly SimulatorScenario[] = [
  {
    id: "full-access",
    label: "Full access",
    description:
      "Access rights by condition (hired, employed, terminated) and View, Edit and View histories on every category.",
    serviceUserId: "SERVICE-FULLACCESS01",
    token: "sim-full-access-7f3a9c21d84e4b60a2c5",
    permissionGroup: fullAccessWith(),
  },
  {
    id: "no-permission-group",
    label: "No permission group",
    description: "Valid credentials, but the service user is in no permission group.",
    serviceUserId: "SERVICE-NOPERMGROUP01",
    token: "sim-no-permission-group-3e81b07d5c2f49a6",
  },
  {
    id: "basic-info-missing",
    label: "Basic info missing",
    description: "Full access except Basic info, so HiBob returns no employees.",
    serviceUserId: "SERVICE-NOBASICINFO01",
    token: "sim-basic-info-missing-9b24e6f1a07c4d38",
    permissionGroup: fullAccessWith({ root: null }),
  },
  {
    id: "personal-view-only",
    label: "Personal view only",
    description:
      "Full access, but Personal has View without Edit, so the full date of birth is hidden.",
    serviceUserId: "SERVICE-PERSONALVIEW01",
    token: "sim-personal-view-only-c5d18a3e72b94f06",
    permissionGroup: fullAccessWith({ personal: { view: true } }),
  },
  {
    id: "access-everyone",
    label: "Access rights Everyone",
    description:
      "Full access, but access rights are Everyone, which covers active employees only, so terminated employees are invisible.",
    serviceUserId: "SERVICE-ACCESSEVERY01",
    token: "sim-access-everyone-2a6f9d4c81e34b57",
    permissionGroup: fullAccessWith({}, "everyone"),
  },
  {
    id: "work-no-history",
    label: "Work without history",
    description: "Full access, but Work has View without View histories.",
    serviceUserId: "SERVICE-WORKNOHIST01",
    token: "sim-work-no-history-e47c0b9a26d54f13",
    permissionGroup: fullAccessWith({ work: { view: true, edit: true } }),
  },
  {
    id: "dob-custom-category",
    label: "Date of birth in custom category",
    description: `The company moved the date of birth into the custom category "${CUSTOM_CATEGORY_NAME}", on which the service user has no permission.`,
    serviceUserId: "SERVICE-DOBCUSTOM01",
    token: "sim-dob-custom-category-58f2a1c7d9b04e6e",
    permissionGroup: fullAccessWith(),
    fieldOverrides: {
      "personal.birthDate": {
        categoryId: CUSTOM_CATEGORY_ID,
        categoryDisplayName: CUSTOM_CATEGORY_NAME,
      },
    },
  },
  {
    id: "wrong-token",
    label: "Wrong token",
    description:
      "The service user exists with full access, but the token sent is not its token.",
    serviceUserId: "SERVICE-WRONGTOKEN01",
    token: "sim-wrong-token-00000000000000000000",
    acceptedToken: "sim-wrong-token-d2b7e95a3c1f48a0b6e4",
    permissionGroup: fullAccessWith(),
  },
];

export function findScenario(id: string): SimulatorScenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

export function findScenarioByServiceUserId(
  serviceUserId: string,
): SimulatorScenario | undefined {
  return SCENARIOS.find((scenario) => scenario.serviceUserId === serviceUserId);
}

/** Returns the token the simulator accepts for the scenario's service user. */
export function acceptedTokenOf(scenario: SimulatorScenario): string {
  return scenario.acceptedToken ?? scenario.token;
}
