// Part 4: resident memory of the app server, read from /proc/<pid>/status
// (Linux only). VmRSS is the resident set now, VmHWM its peak since start.
// Also the server's CPU time, from /proc/<pid>/stat, for part 2.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export type MemoryReading = {
  /** Processes read: the server process and its descendants. */
  pids: number[];
  rssBytes: number;
  /** Sum of the processes' VmHWM, which is at least the true peak of their total. */
  hwmBytes: number;
};

function readStatusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return text === "" ? [] : text.split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

/** Returns the process and all its descendants. */
function processTree(rootPid: number): number[] {
  const pids = [rootPid];
  for (let index = 0; index < pids.length; index += 1) {
    pids.push(...childrenOf(pids[index] ?? rootPid));
  }
  return pids;
}

export function readMemory(rootPid: number): MemoryReading {
  const pids: number[] = [];
  let rssKb = 0;
  let hwmKb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      rssKb += readStatusKb(pid, "VmRSS");
      hwmKb += readStatusKb(pid, "VmHWM");
      pids.push(pid);
    } catch {
      // The process exited between listing and reading.
    }
  }
  return { pids, rssBytes: rssKb * 1024, hwmBytes: hwmKb * 1024 };
}

export type MemorySampler = {
  /** Stops sampling and returns the highest VmRSS seen and a final reading. */
  stop(): { peakRssBytes: number; samples: number; final: MemoryReading };
};

/** Samples the process tree's VmRSS every `intervalMs` until stopped. */
export function startMemorySampler(rootPid: number, intervalMs = 100): MemorySampler {
  let peakRssBytes = 0;
  let samples = 0;
  const sample = () => {
    peakRssBytes = Math.max(peakRssBytes, readMemory(rootPid).rssBytes);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssBytes, samples, final: readMemory(rootPid) };
    },
  };
}

let clockTicksPerSecond: number | undefined;

/** Returns USER_HZ, the unit of the CPU times in /proc/<pid>/stat (100 on common Linux builds). */
function userHz(): number {
  clockTicksPerSecond ??= Number(
    execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim(),
  );
  return clockTicksPerSecond;
}

/**
 * Returns the CPU time (user plus system) that a process and its
 * descendants have used so far, in milliseconds.
 */
export function readCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process exited between listing and reading.
    }
  }
  return (ticks * 1000) / userHz();
}
