// The permission probe's input and report.
import type {
  LifecycleStatus,
  PermissionCategoryId,
  PermissionKind,
} from "@/lib/hibob/categories";

export type CategoryStatus = "granted" | "missing" | "partial" | "unverifiable";

export type ProbeOutcome =
  | "all_granted"
  | "missing_permissions"
  | "no_employees_visible"
  | "invalid_credentials"
  | "unreachable"
  | "timed_out"
  | "rate_limited"
  | "error";

export type CategoryResult = {
  id: PermissionCategoryId;
  /** Category name as HiBob's permission screen shows it. */
  name: string;
  status: CategoryStatus;
  missing: PermissionKind[];
  /** Required permissions that HiBob's API cannot confirm, so the HR admin checks them by hand. */
  unverified: PermissionKind[];
  /** HiBob category the fix points at, when a needed field now lives in another category. */
  hibobCategoryName?: string;
  /** Instruction for the HR admin: the change in HiBob and its reason. "" when granted with nothing unverified. */
  fix: string;
};

export type AccessScope = {
  status: "complete" | "incomplete" | "unverifiable";
  missingLifecycleStatuses: LifecycleStatus[];
  /** "" when the scope is complete. */
  fix: string;
};

export type ProbeReport = {
  /**
   * "valid" once HiBob accepted the credentials, "invalid" on HTTP 401,
   * "unreachable" when the check ended before HiBob responded to the first call.
   */
  credentials: "valid" | "invalid" | "unreachable";
  outcome: ProbeOutcome;
  /** One or two sentences for the HR admin: what happened and what to do. */
  message: string;
  /** Active and former employees the service user can see; 0 if unknown. */
  employeesVisible: number;
  accessScope: AccessScope;
  /** One per required category in catalogue order; [] when the check could not finish. */
  categories: CategoryResult[];
  durationMs: number;
};

export type ProbeLogger = {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
};

export type RunProbeOptions = {
  /** HiBob API base URL including `/v1`, from server configuration only. */
  baseUrl: string;
  serviceUserId: string;
  token: string;
  /** Defaults to every catalogue category. */
  requiredCategories?: readonly PermissionCategoryId[];
  /** Timeout of each HiBob call in milliseconds; default 10 000. */
  timeoutMs?: number;
  /** Time allowed for the whole probe, retries included; default four call timeouts. */
  deadlineMs?: number;
  fetch?: typeof fetch;
  /** Current time; decides which start dates lie in the future. */
  now?: () => Date;
  /** Receives retries and failed calls; the probe logs nothing without it. */
  logger?: ProbeLogger;
};
