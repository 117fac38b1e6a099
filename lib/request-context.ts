// The request id of the code running now, so every log line written while
// handling a request carries it. Entry points (pages, server actions, route
// handlers) wrap their work in `withRequestContext`; the proxy assigns the id.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { requestId: string };

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithRequestContext<T>(context: RequestContext, task: () => T): T {
  return storage.run(context, task);
}
