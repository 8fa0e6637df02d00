// Test configs: the shipped simulator site, pointed at a temp data dir and
// ephemeral ports so tests can run side by side.
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configDir, loadKioskConfig, type LoadedConfig } from '../../config/load.js';
import { buildCatalogue, timelineKeys } from '../../controller/services/catalogue.js';
import { loadNetworkConfig } from '../../config/load.js';
import type { KioskConfig } from '../../config/schema.js';

export const simulatorConfigFile = path.join(configDir, 'sites', 'simulator.json');

export function tempDir(prefix = 'ecorner-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** The simulator site as raw JSON (before defaults), for tests to modify. */
export function simulatorConfigJson(): Record<string, any> {
  return JSON.parse(readFileSync(simulatorConfigFile, 'utf8')) as Record<string, any>;
}

/** Writes a simulator config using `dataDir` and port 0 everywhere; returns its path. */
export function writeTestConfig(dataDir: string, modify: (c: Record<string, any>) => void = () => {}): string {
  const c = simulatorConfigJson();
  c.dataDir = dataDir;
  c.http = { ...(c.http ?? {}), port: 0 };
  c.devices.printer.port = 0;
  c.simulator.centralPort = 0;
  c.technician = { ...(c.technician ?? {}), host: '127.0.0.1', port: 0 };
  modify(c);
  const file = path.join(dataDir, 'kiosk.json');
  writeFileSync(file, JSON.stringify(c, null, 2));
  return file;
}

export function loadTestConfig(dataDir: string, modify?: (c: Record<string, any>) => void): LoadedConfig {
  const file = writeTestConfig(dataDir, modify);
  return loadKioskConfig({ fallbackFile: file, env: {}, simulator: true, timelineKeys: timelineKeys(buildCatalogue(loadNetworkConfig())) });
}

export type { KioskConfig };
