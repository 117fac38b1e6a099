import {
  ENVIRONMENT_LABELS,
  LINK_MODE_LABELS,
  LINK_STATUS_LABELS,
  OUTCOME_LABELS,
} from "@/lib/customers/labels";
import type { CustomerDetail } from "@/lib/customers/detail";
import { getPermissionCategory } from "@/lib/hibob/categories";

import { DateTime } from "./format";
import { StageBadge } from "./stage-badge";

const cardClass = "rounded-md border border-slate-200 bg-white p-4 shadow-sm";

function Item({ term, children }: Readonly<{ term: string; children: React.ReactNode }>) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="font-medium break-words">{children}</dd>
    </div>
  );
}

/** Shows the customer's name, stage and the facts staff look up first. */
export function CustomerHeader({ customer }: Readonly<{ customer: CustomerDetail }>) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{customer.companyName}</h1>
        <StageBadge
          stage={customer.stage}
          missingCount={customer.latestProbe?.missingCount ?? null}
        />
      </div>
      <dl className={`grid grid-cols-1 gap-3 sm:grid-cols-2 ${cardClass}`}>
        <Item term="Owner">
          {customer.owner ? (
            (customer.owner.name ?? customer.owner.email)
          ) : (
            <span className="text-slate-600">Unassigned</span>
          )}
        </Item>
        <Item term="HR admin's email">
          {customer.hrAdminEmail ?? <span className="text-slate-600">Not recorded</span>}
        </Item>
        <Item term="HiBob environment">
          {ENVIRONMENT_LABELS[customer.hibobEnvironment]}
        </Item>
        <Item term="Last activity">
          <DateTime value={customer.lastActivityAt} />
        </Item>
        <Item term="Latest check">
          {customer.latestProbe ? (
            <>
              {customer.latestProbe.outcome
                ? OUTCOME_LABELS[customer.latestProbe.outcome]
                : "Running"}
              {customer.latestProbe.missingCount
                ? ` · ${customer.latestProbe.missingCount} to fix`
                : ""}{" "}
              (<DateTime value={customer.latestProbe.at} />)
            </>
          ) : (
            <span className="text-slate-600">No check yet</span>
          )}
        </Item>
        <Item term="Created">
          <DateTime value={customer.createdAt} />
        </Item>
      </dl>
    </div>
  );
}

export function LinkSessionSection({ customer }: Readonly<{ customer: CustomerDetail }>) {
  const session = customer.linkSession;
  return (
    <section aria-labelledby="link-session-title" className="space-y-3">
      <h2 id="link-session-title" className="text-xl font-semibold">
        Setup link
      </h2>
      {session ? (
        <dl className={`grid grid-cols-1 gap-3 sm:grid-cols-2 ${cardClass}`}>
          <Item term="Status">
            {session.status !== "revoked" && session.expired
              ? "Expired"
              : LINK_STATUS_LABELS[session.status]}
          </Item>
          <Item term="Purpose">{LINK_MODE_LABELS[session.mode]}</Item>
          <Item term="Wizard step reached">Step {session.currentStep} of 3</Item>
          <Item term={session.expired ? "Expired" : "Works until"}>
            <DateTime value={session.expiresAt} />
          </Item>
          <Item term="Created">
            <DateTime value={session.createdAt} />
          </Item>
          <Item term="First opened">
            {session.openedAt ? (
              <DateTime value={session.openedAt} />
            ) : (
              <span className="text-slate-600">Not yet</span>
            )}
          </Item>
          {session.reopenReason ? (
            <Item term="Reason for reopening">{session.reopenReason}</Item>
          ) : null}
          <Item term="Categories requested">
            {session.requiredCategories
              .map((id) => getPermissionCategory(id).name)
              .join(", ")}
          </Item>
        </dl>
      ) : (
        <p className="text-slate-700">This customer has no setup link.</p>
      )}
      <p className="text-sm text-slate-600">
        A link can&apos;t be shown or emailed again after it was created, because only a
        hash of it is stored. To send the HR admin a working link, reopen the setup.
      </p>
    </section>
  );
}

export function CredentialSection({ customer }: Readonly<{ customer: CustomerDetail }>) {
  const credential = customer.credential;
  return (
    <section aria-labelledby="credential-title" className="space-y-3">
      <h2 id="credential-title" className="text-xl font-semibold">
        Stored credentials
      </h2>
      {credential ? (
        <dl className={`grid grid-cols-1 gap-3 sm:grid-cols-2 ${cardClass}`}>
          <Item term="Service user ID">
            <span className="font-mono">{credential.serviceUserId}</span>
          </Item>
          <Item term="Token">
            <span className="font-mono">
              <span aria-hidden="true">••••</span>
              <span className="sr-only">ending in </span>
              {credential.tokenLastFour}
            </span>
          </Item>
          <Item term="Stored">
            <DateTime value={credential.storedAt} />
          </Item>
          <Item term="Replaced">
            {credential.rotatedAt ? (
              <DateTime value={credential.rotatedAt} />
            ) : (
              <span className="text-slate-600">Never</span>
            )}
          </Item>
        </dl>
      ) : (
        <p className="text-slate-700">
          No credentials are stored yet. The HR admin enters them in step 3 of the setup
          link.
        </p>
      )}
    </section>
  );
}

export function CustomerTimeline({ customer }: Readonly<{ customer: CustomerDetail }>) {
  return (
    <section aria-labelledby="timeline-title" className="space-y-3">
      <h2 id="timeline-title" className="text-xl font-semibold">
        Timeline
      </h2>
      {customer.timeline.length === 0 ? (
        <p className="text-slate-700">Nothing has happened yet.</p>
      ) : (
        <ol className={`divide-y divide-slate-200 ${cardClass} py-0`}>
          {customer.timeline.map((entry) => (
            <li key={entry.id} className="space-y-1 py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{entry.label}</span>
                <span className="text-xs text-slate-600">
                  <DateTime value={entry.occurredAt} />
                </span>
              </div>
              <p className="text-sm text-slate-700">By {entry.actor}</p>
              {entry.details.length > 0 ? (
                <ul className="text-sm text-slate-700">
                  {entry.details.map((line) => (
                    <li key={line} className="break-words">
                      {line}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {customer.timelineTruncated ? (
        <p className="text-sm text-slate-600">Only the newest events are shown.</p>
      ) : null}
    </section>
  );
}
