import { PERMISSION_LABELS } from "@/lib/hibob/categories";
import type { CategoryResultView, ProbeRunView } from "@/lib/probe-runs/view";

import { StatusBadge } from "./status-badge";

const LIFECYCLE_LABELS: Record<string, string> = {
  hired: "Hired",
  employed: "Employed",
  terminated: "Terminated",
};

function formatTimestamp(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso));
}

function listPermissions(kinds: readonly string[]): string {
  return kinds
    .map((kind) => PERMISSION_LABELS[kind as keyof typeof PERMISSION_LABELS] ?? kind)
    .join(", ");
}

function summaryTone(run: ProbeRunView): string {
  if (run.outcome === "all_granted") {
    return "border-emerald-300 bg-emerald-50 text-emerald-950";
  }
  if (run.outcome === "missing_permissions" || run.outcome === "no_employees_visible") {
    return "border-amber-300 bg-amber-50 text-amber-950";
  }
  return "border-red-300 bg-red-50 text-red-950";
}

/** Reader of the result: the HR admin in the wizard, or staff in the console. */
export type ProbeResultAudience = "hr_admin" | "staff";

function summaryTitle(
  run: ProbeRunView,
  needsAction: number,
  audience: ProbeResultAudience,
): string {
  const whose = audience === "staff" ? "the HR admin's" : "your";
  switch (run.outcome) {
    case "all_granted":
      return audience === "staff"
        ? "The HiBob account is connected"
        : "Your HiBob account is connected";
    case "missing_permissions":
      return needsAction === 1
        ? `Connected, but 1 item needs ${whose} attention`
        : `Connected, but ${needsAction} items need ${whose} attention`;
    case "no_employees_visible":
      return "Connected, but no employees are visible yet";
    case null:
      return "The permission check is still running";
    default:
      return "The permission check could not finish";
  }
}

function CategoryRow({ category }: Readonly<{ category: CategoryResultView }>) {
  return (
    <li className="space-y-2 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="font-semibold">{category.name}</h4>
        <StatusBadge status={category.status} />
      </div>
      {category.missing.length > 0 ? (
        <p className="text-sm">
          <span className="font-medium">Missing: </span>
          {listPermissions(category.missing)}
          {category.hibobCategoryName
            ? ` on the "${category.hibobCategoryName}" category`
            : ""}
        </p>
      ) : null}
      {category.unverified.length > 0 && category.status !== "unverifiable" ? (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Confirm by hand: </span>
          {listPermissions(category.unverified)}
        </p>
      ) : null}
      {category.fix ? (
        <p className="text-sm whitespace-pre-line text-slate-700">{category.fix}</p>
      ) : null}
    </li>
  );
}

/**
 * A probe run's result per category with its fix. The HR admin's wizard and
 * the staff console both show runs through this component.
 */
export function ProbeResult({
  run,
  headingLevel = 2,
  headingId,
  audience = "hr_admin",
}: Readonly<{
  run: ProbeRunView;
  headingLevel?: 2 | 3;
  headingId?: string;
  audience?: ProbeResultAudience;
}>) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  // Each category counts once. A granted category with a permission the API
  // cannot show counts as one to check by hand, matching the summary message.
  // Access rights that leave out employees count as one to fix.
  const scopeNeedsAction = run.accessScope.status === "incomplete";
  const counts = {
    granted: run.categories.filter(
      (c) => c.status === "granted" && c.unverified.length === 0,
    ).length,
    needsAction:
      run.categories.filter((c) => c.status === "missing" || c.status === "partial")
        .length + (scopeNeedsAction ? 1 : 0),
    byHand: run.categories.filter(
      (c) =>
        c.status === "unverifiable" ||
        (c.status === "granted" && c.unverified.length > 0),
    ).length,
  };

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className={`rounded-md border p-4 ${summaryTone(run)}`}>
        <Heading id={headingId} tabIndex={-1} className="text-lg font-semibold">
          {summaryTitle(run, counts.needsAction, audience)}
        </Heading>
        {run.message ? <p className="mt-1 text-sm">{run.message}</p> : null}
        <p className="mt-2 text-xs opacity-80">
          Checked{" "}
          <time dateTime={run.startedAt}>{formatTimestamp(run.startedAt)} UTC</time>
          {run.employeesVisible !== null
            ? ` · ${run.employeesVisible} employees visible`
            : ""}
        </p>
      </div>

      {run.categories.length > 0 ? (
        <>
          <p className="text-sm text-slate-700">
            {counts.granted} granted · {counts.needsAction} to fix · {counts.byHand} to
            check by hand
          </p>

          {run.accessScope.status ? (
            <div className="rounded-md border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">Whose data (access rights)</h3>
                <StatusBadge
                  status={
                    run.accessScope.status === "complete"
                      ? "granted"
                      : run.accessScope.status === "incomplete"
                        ? "partial"
                        : "unverifiable"
                  }
                />
              </div>
              {run.accessScope.missingLifecycleStatuses.length > 0 ? (
                <p className="mt-2 text-sm">
                  <span className="font-medium">Not visible: </span>
                  {run.accessScope.missingLifecycleStatuses
                    .map((status) => LIFECYCLE_LABELS[status] ?? status)
                    .join(", ")}{" "}
                  employees
                </p>
              ) : null}
              {run.accessScope.fix ? (
                <p className="mt-2 text-sm whitespace-pre-line text-slate-700">
                  {run.accessScope.fix}
                </p>
              ) : null}
            </div>
          ) : null}

          <div className="rounded-md border border-slate-200 bg-white shadow-sm">
            <h3 className="border-b border-slate-200 px-4 py-3 font-semibold">
              Which data (People&apos;s data categories)
            </h3>
            <ul className="divide-y divide-slate-200">
              {run.categories.map((category) => (
                <CategoryRow key={category.id} category={category} />
              ))}
            </ul>
          </div>
        </>
      ) : null}
    </section>
  );
}
