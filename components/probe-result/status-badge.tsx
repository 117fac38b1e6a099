import type { CategoryStatus } from "@/lib/probe-runs/view";

const STATUS_STYLES: Record<
  CategoryStatus,
  { label: string; icon: string; className: string }
> = {
  granted: {
    label: "Granted",
    icon: "✓",
    className: "border-emerald-300 bg-emerald-50 text-emerald-900",
  },
  partial: {
    label: "Partly granted",
    icon: "!",
    className: "border-amber-300 bg-amber-50 text-amber-950",
  },
  missing: {
    label: "Missing",
    icon: "✕",
    className: "border-red-300 bg-red-50 text-red-900",
  },
  unverifiable: {
    label: "Check by hand",
    icon: "?",
    className: "border-slate-300 bg-slate-100 text-slate-800",
  },
};

export function statusLabel(status: CategoryStatus): string {
  return STATUS_STYLES[status].label;
}

export function StatusBadge({ status }: Readonly<{ status: CategoryStatus }>) {
  const style = STATUS_STYLES[status];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${style.className}`}
    >
      <span aria-hidden="true">{style.icon}</span>
      <span>{style.label}</span>
    </span>
  );
}
