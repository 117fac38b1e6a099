import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { LinkProblem } from "@/components/wizard/link-problem";
import { Wizard } from "@/components/wizard/wizard";
import { withRequestContext } from "@/lib/server/with-request-context";
import { loadWizard } from "@/lib/wizard/load-wizard";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Connect HiBob" };

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LinkPage({
  params,
  searchParams,
}: Readonly<{
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}>) {
  const [{ token }, query] = await Promise.all([params, searchParams]);
  const state = await withRequestContext(() => loadWizard(token, firstValue(query.step)));

  if (state.kind === "not_found") {
    notFound();
  }
  if (state.kind !== "active") {
    return <LinkProblem kind={state.kind} companyName={state.companyName} />;
  }

  return (
    <Wizard
      token={token}
      session={state.session}
      step={state.step}
      credential={state.credential}
      latestRun={state.latestRun}
      replacing={firstValue(query.replace) === "1"}
      justChecked={firstValue(query.checked) === "1"}
    />
  );
}
