"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type StaffNavLink = { href: string; label: string };

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/staff") {
    return pathname === "/staff" || pathname.startsWith("/staff/customers");
  }
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** Renders the console's section links and marks the current one for screen readers. */
export function StaffNavLinks({ links }: Readonly<{ links: readonly StaffNavLink[] }>) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {links.map((link) => {
        const current = isCurrent(pathname, link.href);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={
                current
                  ? "rounded-md bg-indigo-50 px-3 py-2 text-sm font-semibold text-indigo-800"
                  : "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
              }
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
