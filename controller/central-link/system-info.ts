// One small function per host metric (balena-supervisor's habit). Host paths
// and the vcgencmd runner are injectable so tests point them at fake trees.
import { execFile } from 'node:child_process';
import { readdir, readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SystemInfo, ThrottleFlags } from '../../protocol/heartbeat.js';

export interface SystemInfoOptions {
  /** directory whose filesystem is measured: the data dir */
  diskPath: string;
  /** root of /sys (default '/sys') */
  sysRoot?: string;
  /** root of /proc (default '/proc') */
  procRoot?: string;
  /** runs `vcgencmd get_throttled`; resolves stdout, rejects when absent */
  vcgencmd?: () => Promise<string>;
}

export async function diskSpace(dir: string): Promise<{ free: number; total: number } | null> {
  try {
    const s = await statfs(dir);
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/** MemAvailable from /proc/meminfo (what a new process can get); os.freemem() where there is none. */
export async function memory(procRoot = '/proc'): Promise<{ available: number; total: number }> {
  try {
    const text = await readFile(path.join(procRoot, 'meminfo'), 'utf8');
    const kb = (key: string) => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
      return m ? Number(m[1]) * 1024 : null;
    };
    const total = kb('MemTotal');
    const available = kb('MemAvailable');
    if (total !== null && available !== null) return { available, total };
  } catch {
    // fall through to os
  }
  return { available: os.freemem(), total: os.totalmem() };
}

const CPU_ZONE_TYPES = /^(cpu-thermal|cpu_thermal|soc_thermal|x86_pkg_temp|coretemp|acpitz)$/;

/** °C from the CPU's thermal zone (Pi: cpu-thermal), else the first zone; null when the board has none. */
export async function cpuTemperature(sysRoot = '/sys'): Promise<number | null> {
  const base = path.join(sysRoot, 'class', 'thermal');
  let zones: string[];
  try {
    zones = (await readdir(base)).filter((z) => /^thermal_zone\d+$/.test(z)).sort((a, b) => Number(a.slice(12)) - Number(b.slice(12)));
  } catch {
    return null;
  }
  const readings: Array<{ type: string; celsius: number }> = [];
  for (const z of zones) {
    try {
      const type = (await readFile(path.join(base, z, 'type'), 'utf8')).trim();
      const milli = Number((await readFile(path.join(base, z, 'temp'), 'utf8')).trim());
      if (Number.isFinite(milli)) readings.push({ type, celsius: Math.round(milli / 100) / 10 });
    } catch {
      // a zone without a readable temp (some ACPI zones): skip it
    }
  }
  return (readings.find((r) => CPU_ZONE_TYPES.test(r.type)) ?? readings[0])?.celsius ?? null;
}

/** Decodes `throttled=0x50005` (Raspberry Pi firmware bits). Pure. */
export function parseThrottled(stdout: string): ThrottleFlags | null {
  const m = /throttled=(0x[0-9a-fA-F]+)/.exec(stdout);
  if (!m) return null;
  const v = Number.parseInt(m[1]!, 16);
  const bit = (n: number) => (v & (1 << n)) !== 0;
  return {
    raw: m[1]!,
    underVoltageNow: bit(0),
    frequencyCappedNow: bit(1),
    throttledNow: bit(2),
    softTempLimitNow: bit(3),
    underVoltageOccurred: bit(16),
    frequencyCappedOccurred: bit(17),
    throttledOccurred: bit(18),
    softTempLimitOccurred: bit(19),
  };
}

export function runVcgencmd(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('vcgencmd', ['get_throttled'], { timeout: 2000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

export async function throttleFlags(run: () => Promise<string> = runVcgencmd): Promise<ThrottleFlags | null> {
  try {
    return parseThrottled(await run());
  } catch {
    return null; // not a Pi, or no firmware tools: the field is null, not an error
  }
}

export async function collectSystemInfo(o: SystemInfoOptions): Promise<SystemInfo> {
  const [disk, mem, temp, throttle] = await Promise.all([
    diskSpace(o.diskPath),
    memory(o.procRoot),
    cpuTemperature(o.sysRoot),
    throttleFlags(o.vcgencmd),
  ]);
  return {
    diskFreeBytes: disk ? disk.free : null,
    diskTotalBytes: disk ? disk.total : null,
    memAvailableBytes: mem.available,
    memTotalBytes: mem.total,
    cpuTempC: temp !== null && temp >= -50 && temp <= 150 ? temp : null,
    throttle,
  };
}
