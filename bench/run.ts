// Entry point of `npm run bench`. Runs the measurements one after another,
// prints a table and writes the raw figures as JSON under bench/results/.
//   npm run bench               full run, a few minutes
//   npm run bench -- --quick    small counts, under a minute (CI smoke run)
//   npm run bench -- --only message,click
// Every server it uses is started here on 127.0.0.1 and stopped again.

import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildIfStale, repoRoot } from './bots.js';
import { measureClickAcknowledgement } from './click-acknowledgement.js';
import { measureFootprint } from './footprint.js';
import { measureMessageOverhead } from './message-overhead.js';
import { formatReport, type BenchReport, type MeasurementOutcome } from './report.js';
import { fullSettings, quickSettings, type BenchContext } from './run-context.js';
import { measureSetupPath } from './setup-path.js';

const measurements = {
  message: measureMessageOverhead,
  click: measureClickAcknowledgement,
  setup: measureSetupPath,
  footprint: measureFootprint,
} as const;

type MeasurementName = keyof typeof measurements;

function parseOptions(): { quick: boolean; only: MeasurementName[] } {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const names = Object.keys(measurements) as MeasurementName[];
  const only = values.only === undefined ? names : values.only.split(',').map((name) => name.trim());
  const unknown = only.filter((name) => !names.includes(name as MeasurementName));
  if (unknown.length > 0) throw new Error(`--only names unknown measurements: ${unknown.join(', ')}. Use ${names.join(', ')}.`);
  return { quick: values.quick ?? false, only: only as MeasurementName[] };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date();
  const resultsDir = join(repoRoot, 'bench', 'results');
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const context: BenchContext = {
    settings: options.quick ? quickSettings : fullSettings,
    resultsDir,
    logDir: join(resultsDir, `logs-${stamp}`),
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  mkdirSync(context.logDir, { recursive: true });

  const built = buildIfStale(context.log);
  const outcomes: Partial<Record<MeasurementName, MeasurementOutcome>> = {};
  for (const name of options.only) {
    const started = Date.now();
    try {
      outcomes[name] = { ok: true, figures: await measurements[name](context), seconds: (Date.now() - started) / 1000 };
    } catch (error) {
      context.log(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      outcomes[name] = { ok: false, error: error instanceof Error ? error.message : String(error), seconds: (Date.now() - started) / 1000 };
    }
  }

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: context.settings,
    machine: machineDescription(),
    built,
    measurements: outcomes,
  };
  const file = join(resultsDir, `bench-${options.quick ? 'quick-' : ''}${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${formatReport(report)}\nRaw figures: ${file}\n`);
  if (Object.values(outcomes).some((outcome) => !outcome.ok)) process.exitCode = 1;
}

function machineDescription(): BenchReport['machine'] {
  return { node: process.version, platform: process.platform, arch: process.arch, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown' };
}

await main();
