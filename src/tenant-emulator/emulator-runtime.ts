import type { Logger } from 'pino';
import { FaultBook } from './fault-book.js';
import { RequestPipeline } from './request-pipeline.js';
import { TenantState } from './tenant-state.js';
import type { FaultRule, LoggedRequest, StartOptions, TenantSeed } from './types.js';

/** The mutable parts of one running emulator: directory state, faults, latency and the request log. */
export class EmulatorRuntime {
  readonly state: TenantState;
  readonly faults = new FaultBook();
  readonly pipeline: RequestPipeline;
  readonly requireToken: boolean;
  url = '';
  private latencyMs: number;
  private log: LoggedRequest[] = [];

  constructor(
    readonly seed: TenantSeed,
    options: StartOptions,
    readonly logger: Logger,
  ) {
    this.state = new TenantState(seed, options.replicationLag, options.samlModeLag);
    this.faults.set(options.faults ?? []);
    this.latencyMs = options.latencyMs ?? 0;
    this.requireToken = options.https !== undefined;
    this.pipeline = new RequestPipeline({
      state: this.state,
      faults: this.faults,
      baseUrl: () => this.url,
      latencyMs: () => this.latencyMs,
      log: (entry) => this.record(entry),
      logger,
    });
  }

  record(entry: LoggedRequest): void {
    this.log.push(entry);
  }

  requestLog(): LoggedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  clearRequestLog(): void {
    this.log = [];
  }

  setFaults(rules: FaultRule[]): void {
    this.faults.set(rules);
    this.logger.info({ faults: rules.length }, 'fault rules replaced');
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }
}
