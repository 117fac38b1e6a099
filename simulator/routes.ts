// The simulator's routes under /v1, matched by method and path pattern.
import type { RequestContext } from "./context";
import type { RouteResult } from "./http";
import { listFields } from "./metadata";
import { readEmployee, readHistoryTable, searchPeople } from "./people";

type Handler = (context: RequestContext) => RouteResult | Promise<RouteResult>;

type Route = { method: "GET" | "POST"; pattern: RegExp; handle: Handler };

/** Routes in match order, with paths relative to /v1. */
const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/company\/people\/fields$/, handle: listFields },
  { method: "POST", pattern: /^\/people\/search$/, handle: searchPeople },
  {
    method: "GET",
    pattern: /^\/people\/([^/]+)\/work$/,
    handle: readHistoryTable("work"),
  },
  {
    method: "GET",
    pattern: /^\/people\/([^/]+)\/employment$/,
    handle: readHistoryTable("employment"),
  },
  {
    method: "GET",
    pattern: /^\/people\/([^/]+)\/lifecycle$/,
    handle: readHistoryTable("lifecycle"),
  },
  { method: "POST", pattern: /^\/people\/([^/]+)$/, handle: readEmployee },
];

export type RouteMatch =
  | { kind: "found"; handle: Handler; params: string[] }
  | { kind: "methodNotAllowed"; allowed: string[] }
  | { kind: "notFound" };

/** Finds the route for a path relative to /v1, such as "/people/search". */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) {
      continue;
    }
    if (route.method === method) {
      return {
        kind: "found",
        handle: route.handle,
        params: match.slice(1).map(decodeParam),
      };
    }
    allowed.push(route.method);
  }
  return allowed.length > 0
    ? { kind: "methodNotAllowed", allowed }
    : { kind: "notFound" };
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
