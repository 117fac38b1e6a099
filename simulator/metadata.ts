// `GET /company/people/fields`: field metadata as HiBob returns it, with the
// calling company's category changes applied. It needs no permissions.
import type { RequestContext } from "./context";
import { FIELDS, jsonPathOf } from "./fields";
import type { RouteResult } from "./http";
import { categoryOf } from "./permissions";

export function listFields(context: RequestContext): RouteResult {
  const body = FIELDS.map((definition) => {
    const { categoryId, categoryDisplayName } = categoryOf(context.scenario, definition);
    return {
      id: definition.id,
      categoryId,
      categoryDisplayName,
      category: categoryId,
      name: definition.name,
      description: null,
      jsonPath: jsonPathOf(definition),
      type: definition.type,
      typeData: definition.listId ? { listId: definition.listId } : {},
      historical: definition.historical,
    };
  });
  return { status: 200, body };
}
