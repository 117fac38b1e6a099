type LinkProblemKind = "not_found" | "expired" | "revoked";

const COPY: Record<LinkProblemKind, { title: string; body: string }> = {
  not_found: {
    title: "This link is not valid",
    body: "We could not find a setup link at this address. Check that you copied the whole link from your vendor's email; if it still does not work, ask your vendor for a new link.",
  },
  expired: {
    title: "This link has expired",
    body: "Setup links work for a limited time to keep your account safe. Anything you already completed is saved. Ask your vendor for a new link to continue.",
  },
  revoked: {
    title: "This link was replaced",
    body: "Your vendor replaced this link with a newer one, so it no longer works. Use the most recent link they sent you, or ask them for a new one.",
  },
};

/** The page shown for an unknown, expired or revoked link. */
export function LinkProblem({
  kind,
  companyName,
}: Readonly<{ kind: LinkProblemKind; companyName?: string }>) {
  const copy = COPY[kind];
  return (
    <section aria-labelledby="link-problem-title" className="space-y-4">
      <h1 id="link-problem-title" className="text-2xl font-semibold tracking-tight">
        {copy.title}
      </h1>
      {companyName ? (
        <p className="text-sm text-slate-600">Setup link for {companyName}</p>
      ) : null}
      <p className="text-slate-700">{copy.body}</p>
    </section>
  );
}
