import Link from "next/link";

import { dashboardHref, type DashboardParams } from "@/lib/dashboard/params";

/** Page numbers to link: the first, the last and two on each side of the current one. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const pages = new Set([1, pageCount]);
  for (let candidate = page - 2; candidate <= page + 2; candidate += 1) {
    if (candidate >= 1 && candidate <= pageCount) {
      pages.add(candidate);
    }
  }
  const sorted = [...pages].sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const [index, value] of sorted.entries()) {
    const previous = sorted[index - 1];
    if (previous !== undefined && value - previous > 1) {
      items.push("gap");
    }
    items.push(value);
  }
  return items;
}

const itemClass =
  "inline-flex min-w-9 items-center justify-center rounded-md border px-3 py-1.5 text-sm";

export function DashboardPagination({
  params,
  pageCount,
}: Readonly<{ params: DashboardParams; pageCount: number }>) {
  if (pageCount <= 1) {
    return null;
  }
  const { page } = params;
  return (
    <nav aria-label="Pages of customers">
      <ul className="flex flex-wrap items-center gap-1">
        {page > 1 ? (
          <li>
            <Link
              href={dashboardHref(params, { page: page - 1 })}
              className={`${itemClass} border-slate-300 bg-white`}
            >
              Previous
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((item, index) =>
          item === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-slate-600">
              …
            </li>
          ) : (
            <li key={item}>
              <Link
                href={dashboardHref(params, { page: item })}
                aria-current={item === page ? "page" : undefined}
                aria-label={`Page ${item}`}
                className={`${itemClass} ${
                  item === page
                    ? "border-indigo-600 bg-indigo-600 font-semibold text-white"
                    : "border-slate-300 bg-white"
                }`}
              >
                {item}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <Link
              href={dashboardHref(params, { page: page + 1 })}
              className={`${itemClass} border-slate-300 bg-white`}
            >
              Next
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
