import {
  describePermission,
  getPermissionCategory,
  type PermissionCategoryId,
} from "@/lib/hibob/categories";

export function StepPermissions({
  requiredCategories,
}: Readonly<{ requiredCategories: readonly PermissionCategoryId[] }>) {
  const categories = requiredCategories.map(getPermissionCategory);
  const asksForEdit = categories.some((category) =>
    category.permissions.includes("edit"),
  );

  return (
    <div className="space-y-6 text-slate-800">
      <ol className="list-decimal space-y-6 pl-6 marker:font-semibold">
        <li className="space-y-2">
          <h3 className="font-semibold">
            Create a permission group for the service user
          </h3>
          <p>
            In HiBob&apos;s settings, open <strong>Permission groups</strong> and create a
            new group. Add the service user from step 1 as its member and confirm the
            change.
          </p>
        </li>
        <li className="space-y-2">
          <h3 className="font-semibold">Choose whose data it can see</h3>
          <p>
            In the group, open <strong>People&apos;s data</strong>, then{" "}
            <strong>Access rights</strong>. Choose{" "}
            <strong>Select people by condition</strong>, edit the condition and select
            these lifecycle statuses:
          </p>
          <ul className="flex flex-wrap gap-2" aria-label="Lifecycle statuses to select">
            {["Hired", "Employed", "Terminated"].map((status) => (
              <li
                key={status}
                className="rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-900"
              >
                {status}
              </li>
            ))}
          </ul>
          <p>Apply the condition; HiBob asks you to apply it twice.</p>
          <p className="text-sm text-slate-600">
            Why not &quot;Everyone&quot;? With &quot;Everyone&quot;, HiBob shares only
            active employees, so former employees would silently be left out.
          </p>
        </li>
        <li className="space-y-3">
          <h3 className="font-semibold">Choose which data it can see</h3>
          <p>
            Still under <strong>People&apos;s data</strong>, turn on these permissions for
            each category. Your vendor needs{" "}
            {categories.length === 1
              ? "this category"
              : `these ${categories.length} categories`}
            :
          </p>
          <ul className="space-y-3">
            {categories.map((category) => (
              <li
                key={category.id}
                className="rounded-md border border-slate-200 bg-white p-4 shadow-sm"
              >
                <h4 className="font-semibold">{category.name}</h4>
                <ul
                  className="mt-2 space-y-1 text-sm"
                  aria-label={`Permissions for ${category.name}`}
                >
                  {category.permissions.map((kind) => (
                    <li key={kind} className="flex gap-2">
                      <span aria-hidden="true" className="text-emerald-700">
                        ☑
                      </span>
                      <span>{describePermission(category, kind)}</span>
                    </li>
                  ))}
                </ul>
                <p className="mt-2 text-sm text-slate-600">
                  <span className="font-medium text-slate-700">Why: </span>
                  {category.reason}
                </p>
              </li>
            ))}
          </ul>
          {asksForEdit ? (
            <div
              role="note"
              className="rounded-md border border-slate-200 bg-slate-100 p-4 text-sm"
            >
              <p>
                Edit permissions are requested only because HiBob hides some sensitive
                fields, such as the full date of birth, unless both View and Edit are
                granted. Your vendor never changes employee data in HiBob.
              </p>
            </div>
          ) : null}
        </li>
        <li className="space-y-2">
          <h3 className="font-semibold">Save the permission group</h3>
          <p>
            If HiBob has moved a field into another category, or your company uses its own
            categories, step 3 tells you which category to open.
          </p>
        </li>
      </ol>
    </div>
  );
}
