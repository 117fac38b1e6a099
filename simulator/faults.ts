// Fault injection, so tests can see how clients cope with a HiBob that is
// slow, down, rate limiting or dropping connections. Faults are set through
// `RunningSimulator.setFault` or, from another process, with
// `POST /__simulator/fault` and a JSON body of this shape.
import { z } from "zod";

export const FAULT_MODES = [
  "none",
  "slow",
  "timeout",
  "server-error",
  "rate-limit-burst",
  "drop-connection",
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export const faultSchema = z.object({
  mode: z.enum(FAULT_MODES),
  /** Delay for "slow" in milliseconds. Default 3000. */
  delayMs: z.number().int().min(0).max(120_000).optional(),
  /** Applies only to requests whose path starts with this, for example "/v1/people/search". */
  pathPrefix: z.string().startsWith("/").optional(),
  /** Number of matching requests to fault; the mode returns to "none" afterwards. Default: all. */
  count: z.number().int().min(1).max(10_000).optional(),
  /** Seconds a "rate-limit-burst" 429 asks the client to wait. Default 1. */
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
});

export type FaultConfig = z.infer<typeof faultSchema>;

/** A timed-out request is held at most this long before its socket is closed. */
export const TIMEOUT_HOLD_MS = 60_000;

export class FaultInjector {
  private config: FaultConfig = { mode: "none" };
  private remaining: number | undefined;
  /** Requests faulted since the last `set`. */
  injected = 0;

  set(config: FaultConfig): void {
    this.config = config;
    this.remaining = config.count;
    this.injected = 0;
  }

  current(): FaultConfig & { remaining?: number; injected: number } {
    return { ...this.config, remaining: this.remaining, injected: this.injected };
  }

  /** Returns the fault to apply to a request on `path`, counting it down. */
  take(path: string): FaultConfig | null {
    const { config } = this;
    if (config.mode === "none") {
      return null;
    }
    if (config.pathPrefix && !path.startsWith(config.pathPrefix)) {
      return null;
    }
    if (this.remaining !== undefined) {
      this.remaining -= 1;
      if (this.remaining <= 0) {
        this.config = { mode: "none" };
        this.remaining = undefined;
      }
    }
    this.injected += 1;
    return config;
  }
}
