// Runs the permission probe against HiBob's API in three steps:
//   1. field metadata alone (needs no permission, so a 200 proves the credentials);
//   2. two searches in parallel: every employee with the fields of the required
//      categories, and the active employees with the few date fields that
//      pick a history candidate;
//   3. at most three employee-table reads in parallel, one per history table,
//      for an employee whose table must have older rows. They start as soon
//      as the small search returns, so they overlap the large one, which
//      takes longer in a large company.
// The probe only reads: nothing in HiBob changes.
import {
  HibobClient,
  DEFAULT_TIMEOUT_MS,
  type EmployeeRecord,
  type HibobClientOptions,
} from "@/lib/hibob/client";
import {
  HibobForbiddenError,
  HibobNotFoundError,
  isHibobError,
} from "@/lib/hibob/errors";
import {
  PERMISSION_CATEGORIES,
  PERMISSION_CATEGORY_IDS,
  type PermissionCategory,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

import {
  HISTORY_TABLE_CHECKS,
  checkAccessScope,
  checkEditBySensitiveFields,
  checkPersonalEdit,
  checkView,
  chooseHistoryCandidate,
  evaluateHistoryRows,
  planSearchFields,
  type Evidence,
  type HistoryCandidate,
  type HistoryEvidence,
  type HistoryTableCheck,
} from "./checks";
import { FIELD, indexFields, type FieldIndex } from "./fields";
import {
  INVALID_BASE_URL_MESSAGE,
  NO_EMPLOYEES_MESSAGE,
  UNEXPECTED_ERROR_MESSAGE,
  allGrantedMessage,
  failureMessage,
  missingPermissionsMessage,
} from "./messages";
import {
  decideOutcome,
  noEmployeesAccessScope,
  noEmployeesCategoryResult,
  toAccessScope,
  toCategoryResult,
  unknownAccessScope,
  type CategoryEvidence,
} from "./result";
import type { ProbeOutcome, ProbeReport, RunProbeOptions } from "./types";

/** Default time for the whole probe: one call timeout per round plus room for one retry. */
const DEADLINE_CALL_TIMEOUTS = 4;

type ProbeContext = {
  client: HibobClient;
  required: PermissionCategory[];
  today: string;
};

type HistoryCheckResult = {
  check: HistoryTableCheck;
  evidence: HistoryEvidence;
  /** True when HiBob responded 403, which means View on the category is missing. */
  forbidden: boolean;
};

function requiredCategories(
  ids: readonly PermissionCategoryId[] | undefined,
): PermissionCategory[] {
  const wanted = new Set(ids ?? PERMISSION_CATEGORY_IDS);
  return PERMISSION_CATEGORIES.filter((category) => wanted.has(category.id));
}

/** Checks the service user's permissions in HiBob and returns what is missing and how to fix it. */
export async function runProbe(options: RunProbeOptions): Promise<ProbeReport> {
  const startedAt = performance.now();
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEADLINE_CALL_TIMEOUTS * timeoutMs;
  const elapsed = () => Math.round(performance.now() - startedAt);
  const required = requiredCategories(options.requiredCategories);

  let client: HibobClient;
  try {
    const clientOptions: HibobClientOptions = {
      baseUrl: options.baseUrl,
      serviceUserId: options.serviceUserId,
      token: options.token,
      timeoutMs,
      deadline: Date.now() + deadlineMs,
      fetch: options.fetch,
      onRetry: (event) =>
        options.logger?.warn({ ...event }, `Retrying HiBob request ${event.request}`),
    };
    client = new HibobClient(clientOptions);
  } catch (error) {
    options.logger?.warn(
      { err: error },
      "Permission probe not started: invalid HiBob settings",
    );
    return failedReport("error", "unreachable", INVALID_BASE_URL_MESSAGE, elapsed());
  }

  let credentials: ProbeReport["credentials"] = "unreachable";
  try {
    const metadata = await client.getPeopleFields();
    credentials = "valid";
    const report = await probeWithValidCredentials(
      { client, required, today: now().toISOString().slice(0, 10) },
      indexFields(metadata),
    );
    return { ...report, durationMs: elapsed() };
  } catch (error) {
    if (isHibobError(error)) {
      options.logger?.warn(
        { kind: error.kind, request: error.request, status: error.status },
        "Permission probe ended with a HiBob error",
      );
      const outcome = outcomeForError(error.kind);
      return failedReport(
        outcome,
        error.kind === "invalid_credentials" ? "invalid" : credentials,
        failureMessage(error, timeoutMs, Date.now()),
        elapsed(),
      );
    }
    options.logger?.warn({ err: error }, "Permission probe failed unexpectedly");
    return failedReport("error", credentials, UNEXPECTED_ERROR_MESSAGE, elapsed());
  }
}

function outcomeForError(kind: string): ProbeOutcome {
  switch (kind) {
    case "invalid_credentials":
      return "invalid_credentials";
    case "unreachable":
      return "unreachable";
    case "timed_out":
      return "timed_out";
    case "rate_limited":
      return "rate_limited";
    default:
      return "error";
  }
}

function failedReport(
  outcome: ProbeOutcome,
  credentials: ProbeReport["credentials"],
  message: string,
  durationMs: number,
): ProbeReport {
  return {
    credentials,
    outcome,
    message,
    employeesVisible: 0,
    accessScope: unknownAccessScope(),
    categories: [],
    durationMs,
  };
}

async function probeWithValidCredentials(
  context: ProbeContext,
  index: FieldIndex,
): Promise<Omit<ProbeReport, "durationMs">> {
  const { client, required } = context;
  const requiredIds = required.map((category) => category.id);
  const fields = planSearchFields(index, requiredIds);

  const historyChecks = requiredHistoryChecks(required);
  // The small search is sent first, so that its response does not wait behind
  // the large one in HiBob or in this process.
  const activeSearch = client.searchPeople({
    fields: activeSearchFields(index, historyChecks),
    showInactive: false,
  });
  const allSearch = client.searchPeople({ fields, showInactive: true });
  const [employees, active, earlyHistory] = await Promise.all([
    allSearch,
    activeSearch,
    activeSearch.then((activeEmployees) =>
      runHistoryChecks(context, historyChecks, activeEmployees),
    ),
  ]);

  if (employees.length === 0) {
    return {
      credentials: "valid",
      outcome: "no_employees_visible",
      message: NO_EMPLOYEES_MESSAGE,
      employeesVisible: 0,
      accessScope: noEmployeesAccessScope(),
      categories: required.map(noEmployeesCategoryResult),
    };
  }

  const requested = new Set(fields);
  const evidence = new Map<PermissionCategoryId, CategoryEvidence>();
  for (const category of required) {
    evidence.set(
      category.id,
      collectFieldEvidence(index, category, requested, employees),
    );
  }

  // A table without a candidate among the active employees gets one more
  // chance among all visible employees, once View on its category is known.
  const pending = historyChecks.filter(
    (check) => !earlyHistory.some((result) => result.check === check),
  );
  const lateHistory = await runHistoryChecks(context, pending, employees, evidence);
  for (const { check, evidence: historyEvidence, forbidden } of [
    ...earlyHistory,
    ...lateHistory,
  ]) {
    const current = evidence.get(check.category);
    if (current === undefined) {
      continue;
    }
    current.viewHistory = historyEvidence;
    if (forbidden) {
      current.view = "missing";
    }
  }

  const categories = required.map((category) =>
    toCategoryResult(category, evidence.get(category.id) ?? { view: "unknown" }),
  );
  const accessScope = toAccessScope(
    checkAccessScope({
      index,
      employees,
      activeCount: active.length,
      today: context.today,
    }),
  );
  const outcome = decideOutcome(categories, accessScope);
  const message =
    outcome === "all_granted"
      ? allGrantedMessage(employees.length, categories)
      : missingPermissionsMessage({
          missingCategories: categories
            .filter((category) => category.missing.length > 0)
            .map((category) => category.name),
          scopeIncomplete: accessScope.status === "incomplete",
        });

  return {
    credentials: "valid",
    outcome,
    message,
    employeesVisible: employees.length,
    accessScope,
    categories,
  };
}

function collectFieldEvidence(
  index: FieldIndex,
  category: PermissionCategory,
  requested: ReadonlySet<string>,
  employees: readonly EmployeeRecord[],
): CategoryEvidence {
  const view = checkView(index, category.id, requested, employees);
  const evidence: CategoryEvidence = { view };
  if (!category.permissions.includes("edit")) {
    return evidence;
  }
  if (category.id === "personal") {
    const personal = checkPersonalEdit(index, view, employees);
    evidence.edit = personal.edit;
    if (personal.moved !== undefined) {
      evidence.moved = personal.moved;
    }
  } else {
    evidence.edit = checkEditBySensitiveFields(index, category.id, employees);
  }
  return evidence;
}

function requiredHistoryChecks(
  required: readonly PermissionCategory[],
): HistoryTableCheck[] {
  return HISTORY_TABLE_CHECKS.filter((check) => {
    const category = required.find((candidate) => candidate.id === check.category);
    return category?.permissions.includes("view_history") ?? false;
  });
}

/** Lists the fields that pick a history candidate, which HiBob lists in its metadata. */
function activeSearchFields(
  index: FieldIndex,
  checks: readonly HistoryTableCheck[],
): string[] {
  const fieldIds =
    checks.length === 0
      ? [FIELD.id]
      : [FIELD.id, FIELD.startDate, ...checks.map((check) => check.currentRowDateField)];
  return fieldIds.filter((id) => id === FIELD.id || index.byId.has(id));
}

/**
 * Reads one history table per check that has a candidate among `employees`,
 * all in parallel, and leaves out the checks without one. With `evidence`,
 * every check gets a result and tables whose category is not viewable are
 * skipped, because the response would be a 403 and HiBob's firewall counts
 * those. Without it, a candidate's visible date field already shows View.
 */
async function runHistoryChecks(
  context: ProbeContext,
  checks: readonly HistoryTableCheck[],
  employees: readonly EmployeeRecord[],
  evidence?: ReadonlyMap<PermissionCategoryId, CategoryEvidence>,
): Promise<HistoryCheckResult[]> {
  const results = await Promise.all(
    checks.map(async (check): Promise<HistoryCheckResult | undefined> => {
      const view: Evidence = evidence?.get(check.category)?.view ?? "unknown";
      if (view === "missing") {
        return {
          check,
          evidence: { result: "unknown", reason: "view_missing" },
          forbidden: false,
        };
      }
      const candidate = chooseHistoryCandidate(employees, check);
      if (candidate === undefined) {
        return evidence === undefined
          ? undefined
          : {
              check,
              evidence: { result: "unknown", reason: "no_candidate" },
              forbidden: false,
            };
      }
      return readHistoryTable(context, check, candidate);
    }),
  );
  return results.filter((result) => result !== undefined);
}

async function readHistoryTable(
  context: ProbeContext,
  check: HistoryTableCheck,
  candidate: HistoryCandidate,
): Promise<HistoryCheckResult> {
  try {
    const rows = await context.client.getEmployeeTable(candidate.employeeId, check.table);
    return { check, evidence: evaluateHistoryRows(rows, candidate), forbidden: false };
  } catch (error) {
    if (error instanceof HibobForbiddenError) {
      return {
        check,
        evidence: { result: "unknown", reason: "view_missing" },
        forbidden: true,
      };
    }
    if (error instanceof HibobNotFoundError) {
      return {
        check,
        evidence: { result: "unknown", reason: "employee_not_found" },
        forbidden: false,
      };
    }
    throw error;
  }
}
