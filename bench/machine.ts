// The machine a benchmark ran on, printed and written next to every figure.
import os from "node:os";

export type MachineInfo = {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  nodeVersion: string;
  platform: string;
  /** ISO 8601 time the run started. */
  date: string;
  /** One-minute load average when the run started; other work on a shared machine shows here. */
  loadAverage?: number;
};

export function describeMachine(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
    loadAverage: os.loadavg()[0],
  };
}

/** Formats the machine as one line: "2 cores, AMD EPYC, 23.5 GiB memory, Node.js v20.20.2, …". */
export function formatMachine(machine: MachineInfo): string {
  const gib = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const load =
    machine.loadAverage === undefined
      ? ""
      : `, load average ${machine.loadAverage.toFixed(2)} at the start`;
  return (
    `${machine.cores} cores, ${machine.cpuModel}, ${gib} GiB memory, ` +
    `Node.js ${machine.nodeVersion}, ${machine.platform}, ${machine.date}${load}`
  );
}
