// The JSON report of one run and the short table printed at the end.

import type { ClickAcknowledgementResult } from './click-acknowledgement.js';
import type { FootprintResult } from './footprint.js';
import type { MessageOverheadResult } from './message-overhead.js';
import type { BenchSettings } from './run-context.js';
import type { SetupPathResult } from './setup-path.js';

export type MeasurementOutcome =
  | { ok: true; figures: unknown; seconds: number }
  | { ok: false; error: string; seconds: number };

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  settings: BenchSettings;
  machine: { node: string; platform: string; arch: string; cpus: number; cpuModel: string };
  /** True when the run rebuilt dist/ first. */
  built: boolean;
  measurements: {
    message?: MeasurementOutcome;
    click?: MeasurementOutcome;
    setup?: MeasurementOutcome;
    footprint?: MeasurementOutcome;
  };
}

type Row = [string, string, string, string, string];

const header: Row = ['figure', 'ours', 'baseline', 'ratio', 'target'];

export function formatReport(report: BenchReport): string {
  const rows: Row[] = [];
  const { message, click, setup, footprint } = report.measurements;
  section(rows, '1 message overhead', message, (figures) => messageRows(figures as MessageOverheadResult));
  section(rows, '2 card click acknowledgement', click, (figures) => clickRows(figures as ClickAcknowledgementResult));
  section(rows, '3 set-up critical path', setup, (figures) => setupRows(figures as SetupPathResult));
  section(rows, '4 footprint', footprint, (figures) => footprintRows(figures as FootprintResult));

  const mode = report.settings.quick ? 'quick mode: small counts, figures are only a smoke check' : 'full run';
  const failures = Object.entries(report.measurements).flatMap(([name, outcome]) => (outcome.ok ? [] : [`${name} failed: ${outcome.error}`]));
  return [`Benchmark (${mode}; ${report.machine.cpus} CPUs, Node ${report.machine.node})`, table([header, ...rows]), ...failures].join('\n');
}

function section(rows: Row[], title: string, outcome: MeasurementOutcome | undefined, format: (figures: unknown) => Row[]): void {
  if (outcome === undefined) return;
  rows.push([title, '', '', '', '']);
  if (outcome.ok) rows.push(...format(outcome.figures));
  else rows.push(['  failed, see below', '', '', '', '']);
}

function messageRows(figures: MessageOverheadResult): Row[] {
  const { ours, bare } = figures;
  return [
    [`  requests/s at ${figures.concurrency} conversations`, fixed(ours.requestsPerSecond, 0), fixed(bare.requestsPerSecond, 0), fixed(figures.throughputRatio), ''],
    ['  p50 latency ms', fixed(ours.p50Ms, 1), fixed(bare.p50Ms, 1), fixed(ours.p50Ms / bare.p50Ms), ''],
    ['  p99 latency ms', fixed(ours.p99Ms, 1), fixed(bare.p99Ms, 1), fixed(figures.p99Ratio), verdict(figures.p99Ratio, 1.25)],
    ['  errors', String(ours.errors), String(bare.errors), '', ''],
  ];
}

function clickRows(figures: ClickAcknowledgementResult): Row[] {
  const { ours, bare } = figures;
  return [
    [`  clicks sent (${figures.burst} at once x ${figures.rounds})`, String(ours.count), String(bare.count), '', ''],
    ['  p50 response ms', fixed(ours.p50Ms, 1), fixed(bare.p50Ms, 1), fixed(ours.p50Ms / bare.p50Ms), ''],
    ['  p99 response ms', fixed(ours.p99Ms, 1), fixed(bare.p99Ms, 1), fixed(figures.p99Ratio), verdict(figures.p99Ratio, 1.5)],
    [`  responses slower than Graph (${figures.graphLatencyMs} ms)`, String(figures.responsesSlowerThanGraph), '', '', 'want 0'],
    [`  approvals recorded; Graph requests < ${figures.graphLatencyMs} ms after clicks`, `${figures.approvalsRecorded}; ${figures.graphRequestsAfterClicks}`, '', '', ''],
  ];
}

function setupRows(figures: SetupPathResult): Row[] {
  return [
    ['  Graph requests', String(figures.graphRequests), '', '', ''],
    ['  longest dependent chain', String(figures.chainLength), '', '', ''],
    [`  wall ms (chain x ${figures.latencyMs} ms = ${figures.chainLength * figures.latencyMs})`, fixed(figures.wallMs, 0), fixed(figures.chainLength * figures.latencyMs, 0), fixed(figures.ratio), verdict(figures.ratio, 1.2)],
  ];
}

function footprintRows(figures: FootprintResult): Row[] {
  const { empty, stored } = figures;
  return [
    ['  spawn to /readyz ms (empty, full store)', fixed(empty.readyMs, 0), fixed(stored.readyMs, 0), '', ''],
    ['  idle RSS MiB (empty, full store)', fixed(empty.idleResidentMiB, 1), fixed(stored.idleResidentMiB, 1), '', ''],
    [`  requests command ms p50/p99 (${stored.requests} stored)`, `${fixed(stored.list.p50Ms, 1)}/${fixed(stored.list.p99Ms, 1)}`, `help ${fixed(stored.help.p50Ms, 1)}`, fixed(stored.list.p50Ms / stored.help.p50Ms), stored.listReplied ? '' : 'no list card'],
    ['  RSS after the list MiB', fixed(stored.residentAfterListMiB, 1), '', '', ''],
  ];
}

function verdict(value: number, target: number): string {
  return `<= ${target} ${value <= target ? 'met' : 'MISSED'}`;
}

function fixed(value: number, decimals = 2): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '-';
}

function table(rows: Row[]): string {
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd()).join('\n');
}
