// Starts the HiBob simulator (`simulator/main.ts`) in its own process, so
// that its JSON rendering does not share an event loop with the code under
// measurement, as HiBob would not.
import { startProcess, waitUntil, type ManagedProcess } from "./processes";

export type SimulatorProcess = {
  /** For example "http://127.0.0.1:4601/v1". */
  baseUrl: string;
  process: ManagedProcess;
  stop(): Promise<void>;
};

export async function startSimulatorProcess(options: {
  name: string;
  port: number;
  delayMs: number;
  employeeCount: number;
}): Promise<SimulatorProcess> {
  const managed = startProcess({
    name: options.name,
    command: process.execPath,
    args: [
      "--import",
      "tsx",
      "simulator/main.ts",
      "--port",
      String(options.port),
      "--delay-ms",
      String(options.delayMs),
      "--employee-count",
      String(options.employeeCount),
    ],
  });
  await waitUntil(
    managed,
    "the simulator to listen",
    () => managed.output().includes("HiBob simulator listening"),
    30_000,
  );
  return {
    baseUrl: `http://127.0.0.1:${options.port}/v1`,
    process: managed,
    stop: () => managed.stop(),
  };
}
