import type { HibobEnvironment } from "@/lib/generated/prisma/enums";

export function StepServiceUser({
  environment,
}: Readonly<{ environment: HibobEnvironment }>) {
  return (
    <div className="space-y-5 text-slate-800">
      <p>
        You need Administrator permissions in HiBob for these steps. They take about ten
        minutes.
        {environment === "sandbox" ? (
          <>
            {" "}
            Sign in to your company&apos;s <strong>HiBob sandbox</strong>, not the live
            account.
          </>
        ) : null}
      </p>
      <ol className="list-decimal space-y-3 pl-6 marker:font-semibold">
        <li>
          In HiBob, open <strong>Settings</strong>, then the integration settings, and
          find <strong>Service users</strong>. HiBob renames its menus from time to time,
          so look for &quot;Service users&quot; if the path differs.
        </li>
        <li>
          Create a new service user and give it a name you will recognise later, for
          example the name of your software vendor.
        </li>
        <li>
          HiBob now shows two values: the <strong>service user ID</strong> and the{" "}
          <strong>service user token</strong>. Copy both to a safe place, such as your
          password manager, before you leave that screen.
        </li>
      </ol>
      <div
        role="note"
        className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      >
        <p className="font-semibold">HiBob shows the token only once.</p>
        <p className="mt-1">
          If you lose it, you will have to create a new token for the service user before
          you can finish step 3.
        </p>
      </div>
      <p className="text-sm text-slate-600">
        A service user is not an employee and cannot sign in to HiBob. It only lets your
        vendor&apos;s software call HiBob&apos;s API, and it can read nothing until you
        give it permissions in the next step. HiBob may offer to take you straight to
        permission groups; that is where step 2 continues.
      </p>
    </div>
  );
}
