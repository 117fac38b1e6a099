// Validation of People API request bodies, with HiBob's rules: at most 400
// fields, at most one filter on root.id or root.email with "equals", and
// humanReadable "APPEND" or "REPLACE".
import { HttpError, isPlainObject } from "./http";
import type { HumanReadableMode } from "./render";

export const MAX_FIELDS = 400;

const FILTER_FIELD_PATHS = ["root.id", "root.email"] as const;

export type EmployeeFilter = {
  fieldPath: (typeof FILTER_FIELD_PATHS)[number];
  values: string[];
};

export type ReadRequest = {
  /** Requested field ids, or undefined for the default fields. */
  fields?: string[];
  humanReadable?: HumanReadableMode;
};

export type SearchRequest = ReadRequest & {
  filter?: EmployeeFilter;
  showInactive: boolean;
};

export function parseSearchRequest(body: unknown): SearchRequest {
  const object = requireObject(body);
  const showInactive = object.showInactive ?? false;
  if (typeof showInactive !== "boolean") {
    throw invalid(
      `Invalid "showInactive" value ${JSON.stringify(showInactive)}: expected true or false.`,
    );
  }
  return {
    ...parseReadRequest(object),
    filter: parseFilters(object.filters),
    showInactive,
  };
}

export function parseReadRequest(body: unknown): ReadRequest {
  const object = requireObject(body);
  return {
    fields: parseFields(object.fields),
    humanReadable: parseHumanReadable(object.humanReadable),
  };
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === undefined) {
    return {};
  }
  if (!isPlainObject(body)) {
    throw invalid("The request body must be a JSON object.");
  }
  return body;
}

function parseFields(fields: unknown): string[] | undefined {
  if (fields === undefined || fields === null) {
    return undefined;
  }
  if (!Array.isArray(fields) || !fields.every((id) => typeof id === "string")) {
    throw invalid(
      '"fields" must be an array of field IDs in dot notation, such as "root.id".',
    );
  }
  if (fields.length > MAX_FIELDS) {
    throw invalid(
      `"fields" contains ${fields.length} field IDs, but at most ${MAX_FIELDS} are allowed. Split the request.`,
    );
  }
  // NOTE: an empty list is treated like a missing one (default fields), because
  // HiBob's behaviour for `"fields": []` is not documented.
  return fields.length === 0 ? undefined : (fields as string[]);
}

function parseHumanReadable(value: unknown): HumanReadableMode | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (value === "APPEND" || value === "REPLACE") {
    return value;
  }
  throw invalid(
    `Invalid "humanReadable" value ${JSON.stringify(value)}: expected "APPEND" or "REPLACE".`,
  );
}

function parseFilters(filters: unknown): EmployeeFilter | undefined {
  if (filters === undefined) {
    return undefined;
  }
  if (!Array.isArray(filters)) {
    throw invalid('"filters" must be an array with one filter object.');
  }
  if (filters.length === 0) {
    throw invalid('"filters" must not be empty. Omit "filters" to read every employee.');
  }
  if (filters.length > 1) {
    throw invalid(
      `"filters" contains ${filters.length} filters, but only one is supported.`,
    );
  }

  const filter: unknown = filters[0];
  if (!isPlainObject(filter)) {
    throw invalid("The filter must be an object with fieldPath, operator and values.");
  }
  const { fieldPath, operator, values } = filter;
  if (!FILTER_FIELD_PATHS.includes(fieldPath as EmployeeFilter["fieldPath"])) {
    throw invalid(
      `Filtering by fieldPath ${JSON.stringify(fieldPath)} is not supported. Use "root.id" or "root.email".`,
    );
  }
  if (operator !== "equals") {
    throw invalid(
      `The filter operator ${JSON.stringify(operator)} is not supported. Use "equals".`,
    );
  }
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid('The filter "values" must be a non-empty array of strings.');
  }
  if (!values.every((value) => typeof value === "string")) {
    throw invalid('The filter "values" must contain strings only.');
  }
  return {
    fieldPath: fieldPath as EmployeeFilter["fieldPath"],
    values: values as string[],
  };
}

function invalid(message: string): HttpError {
  return new HttpError(400, "request.invalid", message);
}
