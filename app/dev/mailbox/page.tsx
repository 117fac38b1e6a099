import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { DateTime } from "@/components/staff/format";
import { devMailboxDir } from "@/lib/dev-mail/config";
import { listCapturedMails, splitTextAndLinks } from "@/lib/dev-mail/mailbox";

export const metadata: Metadata = { title: "Development mailbox" };

/**
 * Mails caught by the local SMTP capture server, newest first. Exists only
 * in development with DEV_MAILBOX_DIR set; everywhere else it is a 404, so
 * it needs no sign-in.
 */
export default async function DevMailboxPage() {
  const dir = devMailboxDir();
  if (!dir) {
    notFound();
  }
  const mails = await listCapturedMails(dir);

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Development mailbox</h1>
        <p className="text-slate-700">
          Every mail the app sent during this local run, newest first. Nothing left this
          computer. Reload the page to see new mails.
        </p>
      </div>
      {mails.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">
          No mails yet. Request a sign-in link on the staff sign-in page, then reload.
        </p>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li
              key={mail.id}
              aria-labelledby={`mail-${mail.id}`}
              className="space-y-3 rounded-md border border-slate-200 bg-white p-4"
            >
              <div className="space-y-1">
                <h2 id={`mail-${mail.id}`} className="font-semibold">
                  {mail.subject || "(no subject)"}
                </h2>
                <p className="text-sm break-all text-slate-700">
                  To {mail.to.join(", ")} · <DateTime value={mail.receivedAt} />
                </p>
              </div>
              <pre className="overflow-x-auto text-sm break-words whitespace-pre-wrap text-slate-900">
                {splitTextAndLinks(mail.text).map((part, index) =>
                  part.kind === "link" ? (
                    <a
                      key={index}
                      href={part.value}
                      className="break-all text-indigo-800 underline"
                    >
                      {part.value}
                    </a>
                  ) : (
                    <span key={index}>{part.value}</span>
                  ),
                )}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
