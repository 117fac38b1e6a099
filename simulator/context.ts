// The input of every route handler: the authenticated service user, the
// simulator's state, and the request's path parameters and body.
import type { Company } from "./company";
import type { RateLimiter } from "./rate-limit";
import type { SimulatorScenario } from "./scenarios";

export type SimulatorState = {
  company: Company;
  now: () => Date;
  /** Limits `POST /people/search` per service user. */
  searchLimiter: RateLimiter;
};

export type RequestContext = {
  scenario: SimulatorScenario;
  state: SimulatorState;
  /** Decoded path parameters, in the order the route's pattern captures them. */
  params: string[];
  readBody: () => Promise<unknown>;
};
