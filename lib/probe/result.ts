// Turns what the checks found into category results, the access scope and the
// probe's outcome.
import {
  PERMISSION_KINDS,
  type LifecycleStatus,
  type PermissionCategory,
  type PermissionKind,
} from "@/lib/hibob/categories";

import type {
  AccessScopeEvidence,
  Evidence,
  HistoryEvidence,
  MovedField,
} from "./checks";
import {
  buildAccessScopeFix,
  buildCategoryFix,
  buildNoEmployeesBasicInfoFix,
  buildUnverifiableAccessScopeFix,
  type UnverifiedPermission,
  type UnverifiedReason,
} from "./fixes";
import type { AccessScope, CategoryResult, ProbeOutcome } from "./types";

/** Findings of the checks for one category. */
export type CategoryEvidence = {
  view: Evidence;
  /** Set for categories that require Edit. */
  edit?: Evidence;
  /** Set for categories that require View section histories. */
  viewHistory?: HistoryEvidence;
  /** Date of birth in another HiBob category; then Personal's Edit is judged there. */
  moved?: MovedField;
};

function sortKinds(kinds: Iterable<PermissionKind>): PermissionKind[] {
  const set = new Set(kinds);
  return PERMISSION_KINDS.filter((kind) => set.has(kind));
}

const HISTORY_REASONS: Record<
  Extract<HistoryEvidence, { result: "unknown" }>["reason"],
  UnverifiedReason
> = {
  view_missing: "needs_view",
  no_candidate: "no_history_candidate",
  inconclusive: "history_inconclusive",
  employee_not_found: "history_inconclusive",
};

export function toCategoryResult(
  category: PermissionCategory,
  evidence: CategoryEvidence,
): CategoryResult {
  const ownMissing: PermissionKind[] = [];
  const unverified: UnverifiedPermission[] = [];
  let verified = 0;

  const record = (
    kind: PermissionKind,
    result: Evidence,
    unknownReason: UnverifiedReason,
  ) => {
    if (result === "granted") {
      verified += 1;
    } else if (result === "missing") {
      ownMissing.push(kind);
    } else {
      unverified.push({ kind, reason: unknownReason });
    }
  };

  const viewMissing = evidence.view === "missing";
  for (const kind of category.permissions) {
    switch (kind) {
      case "view":
        record("view", evidence.view, "no_api");
        break;
      case "edit":
        // With date of birth in another category, Edit is judged there and
        // reported through `moved`.
        if (evidence.moved === undefined) {
          record(
            "edit",
            evidence.edit ?? "unknown",
            viewMissing ? "needs_view" : "not_provable",
          );
        } else if (evidence.moved.missing.length === 0) {
          verified += 1;
        }
        break;
      case "view_history": {
        const history = evidence.viewHistory;
        if (history === undefined || viewMissing) {
          record("view_history", "unknown", "needs_view");
        } else if (history.result === "unknown") {
          record("view_history", "unknown", HISTORY_REASONS[history.reason]);
        } else {
          record("view_history", history.result, "history_inconclusive");
        }
        break;
      }
    }
  }

  const movedMissing = evidence.moved?.missing ?? [];
  const missing = sortKinds([...ownMissing, ...movedMissing]);
  const status: CategoryResult["status"] = viewMissing
    ? "missing"
    : missing.length > 0
      ? "partial"
      : verified === 0
        ? "unverifiable"
        : "granted";

  const result: CategoryResult = {
    id: category.id,
    name: category.name,
    status,
    missing,
    unverified: sortKinds(unverified.map((entry) => entry.kind)),
    fix: buildCategoryFix({
      category,
      missing: ownMissing,
      unverified,
      moved: evidence.moved,
    }),
  };
  if (evidence.moved !== undefined && movedMissing.length > 0) {
    result.hibobCategoryName = evidence.moved.hibobCategoryName;
  }
  return result;
}

/** Returns a category's result when the search returned no employee. */
export function noEmployeesCategoryResult(category: PermissionCategory): CategoryResult {
  if (category.id === "basic_info") {
    return {
      id: category.id,
      name: category.name,
      status: "missing",
      missing: ["view"],
      unverified: [],
      fix: buildNoEmployeesBasicInfoFix(category),
    };
  }
  const reason: UnverifiedReason =
    category.id === "history" ? "no_api" : "needs_employees";
  const unverified = category.permissions.map((kind) => ({ kind, reason }));
  return {
    id: category.id,
    name: category.name,
    status: "unverifiable",
    missing: [],
    unverified: sortKinds(category.permissions),
    fix: buildCategoryFix({ category, missing: [], unverified }),
  };
}

export function toAccessScope(evidence: AccessScopeEvidence): AccessScope {
  if (evidence.missing.length > 0) {
    return {
      status: "incomplete",
      missingLifecycleStatuses: [...evidence.missing],
      fix: buildAccessScopeFix(evidence.missing),
    };
  }
  if (evidence.unknown.length > 0) {
    return {
      status: "unverifiable",
      missingLifecycleStatuses: [],
      fix: buildUnverifiableAccessScopeFix({
        noEmployees: false,
        unknown: evidence.unknown,
      }),
    };
  }
  return { status: "complete", missingLifecycleStatuses: [], fix: "" };
}

export function noEmployeesAccessScope(): AccessScope {
  return {
    status: "unverifiable",
    missingLifecycleStatuses: [] as LifecycleStatus[],
    fix: buildUnverifiableAccessScopeFix({ noEmployees: true, unknown: [] }),
  };
}

/** Returns the scope of a probe that ended before it could look at employees. */
export function unknownAccessScope(): AccessScope {
  return { status: "unverifiable", missingLifecycleStatuses: [], fix: "" };
}

/**
 * Decides the outcome of a probe that saw employees: all granted unless a
 * category misses a permission or the access rights leave out employees.
 * Permissions the API cannot confirm do not count as missing.
 */
export function decideOutcome(
  categories: readonly CategoryResult[],
  accessScope: AccessScope,
): Extract<ProbeOutcome, "all_granted" | "missing_permissions"> {
  const anyMissing = categories.some((category) => category.missing.length > 0);
  return anyMissing || accessScope.status === "incomplete"
    ? "missing_permissions"
    : "all_granted";
}
