// Renders employees as HiBob's People API returns them, with each field
// twice: once under its slash key ("/work/title": {"value": …}) and once
// nested by its JSON path ("work": {"title": …}). Root fields are nested at the
// top level ("id", "email"). Fields with a null value are left out.
import type { Company } from "./company";
import {
  jsonPathOf,
  type EmployeeReference,
  type FieldDefinition,
  type FieldValue,
} from "./fields";
import type { EmployeeSnapshot } from "./history";

export type HumanReadableMode = "APPEND" | "REPLACE";

type JsonObject = Record<string, unknown>;

/**
 * Renders the given fields, which the caller has already filtered to those
 * the service user may see. APPEND adds a nested `humanReadable` object with
 * display values, and REPLACE puts the display values in place of the
 * machine values.
 */
export function renderEmployee(
  snapshot: EmployeeSnapshot,
  fields: readonly FieldDefinition[],
  mode: HumanReadableMode | undefined,
): JsonObject {
  const slashEntries: JsonObject = {};
  const nested: JsonObject = {};
  const humanReadable: JsonObject = {};

  for (const definition of fields) {
    const machineValue = definition.value(snapshot);
    if (machineValue === null) {
      continue;
    }
    const displayValue =
      mode === undefined
        ? machineValue
        : humanValueOf(definition, machineValue, snapshot.company);
    const value = mode === "REPLACE" ? displayValue : machineValue;
    const { slashKey, path } = keysOf(definition);

    slashEntries[slashKey] = { value };
    setPath(nested, path, value);
    if (mode === "APPEND") {
      setPath(humanReadable, path, displayValue);
    }
  }

  const rendered: JsonObject = { ...slashEntries, ...nested };
  if (mode === "APPEND" && Object.keys(humanReadable).length > 0) {
    rendered.humanReadable = humanReadable;
  }
  return rendered;
}

/** A field's response key, for example "/payroll/employment/type", and its nested path. */
type FieldKeys = { slashKey: string; path: readonly string[] };

const keysByField = new WeakMap<FieldDefinition, FieldKeys>();

/** Returns the field's slash key and nested path, computed once per field. */
function keysOf(definition: FieldDefinition): FieldKeys {
  let keys = keysByField.get(definition);
  if (keys === undefined) {
    keys = {
      slashKey: `/${definition.id.split(".").join("/")}`,
      path: jsonPathOf(definition).split("."),
    };
    keysByField.set(definition, keys);
  }
  return keys;
}

/**
 * Returns the value as HiBob's UI shows it: list item names in place of
 * item ids and the display name in place of an employee reference.
 * NOTE: other types keep their machine value. HiBob may format dates and
 * booleans for display, which the simulator does not copy.
 */
function humanValueOf(
  definition: FieldDefinition,
  value: FieldValue,
  company: Company,
): FieldValue {
  if (definition.type === "employee" && isEmployeeReference(value)) {
    return value.displayName;
  }
  if (!definition.listId) {
    return value;
  }

  const items = company.lists[definition.listId]?.items ?? [];
  const nameOf = (itemId: string) =>
    items.find((item) => item.id === itemId)?.name ?? itemId;
  if (definition.type === "multi-list" && Array.isArray(value)) {
    return value.map(nameOf).join(", ");
  }
  return typeof value === "string" ? nameOf(value) : value;
}

function isEmployeeReference(value: FieldValue): value is EmployeeReference {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function setPath(target: JsonObject, path: readonly string[], value: unknown): void {
  const last = path.at(-1);
  if (last === undefined) {
    return;
  }
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const child = node[segment];
    if (typeof child === "object" && child !== null && !Array.isArray(child)) {
      node = child as JsonObject;
    } else {
      const created: JsonObject = {};
      node[segment] = created;
      node = created;
    }
  }
  node[last] = value;
}
