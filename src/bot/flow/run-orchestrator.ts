import type { ConversationReference } from 'botbuilder';
import type { StepRetry } from '../../cards/index.js';
import type { Logger } from '../../logging/index.js';
import { failRun, isRefusal, RequestStoreError, succeedRun, type LeaseInput, type UpdateResult } from '../../requests/index.js';
import { isDirectoryError } from '../../directory/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import { rollbackRun, runPlan, setupValues, type GeneratedSecret, type RunEvent, type SetupValues } from '../../sso/index.js';
import type { FlowContext } from './flow-context.js';
import { profileOf } from './request-card.js';
import { SETUP_KINDS } from './setup-kinds.js';

/** The request card's side of a run: progress updates and the results after success. */
export interface RunReporter {
  /** Posts what follows a successful run, such as the certificate. Its errors are logged, and the request stays succeeded. */
  afterSuccess(request: ChangeRequest, logger: Logger): Promise<void>;
  /** Updates the request card. `final` marks the update after the run ended. */
  schedule(requestId: string, options?: { final?: boolean }): void;
  setRetry(requestId: string, retry: StepRetry | undefined): void;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

type StartKind = 'claim' | 'resume';

/** Runs one instance executes at once when the tuning sets no limit. */
export const DEFAULT_MAX_CONCURRENT_RUNS = 4;

/**
 * Runs approved requests in the background, after the response to the click
 * that approved them. A run starts only after this instance claimed it
 * with a compare-and-swap, so two clicks or two instances run a plan once.
 * The lease is renewed while the run lasts. When another instance takes it
 * over, this one stops.
 *
 * At most `maxConcurrentRuns` runs execute at once. Further requests wait in
 * a queue and are claimed only when a slot frees up. Until then a queued
 * request stays `approved` and holds no lease, so another instance may take it.
 */
export class RunOrchestrator {
  private readonly active = new Map<string, ActiveRun>();
  /** Requests waiting for a slot, in arrival order, each with its start kind. */
  private readonly queued = new Map<string, StartKind>();
  private closed = false;

  constructor(
    private readonly context: FlowContext,
    private readonly reporter: RunReporter,
  ) {}

  /** Claims an approved request and runs it in the background. Never throws: errors of the run are logged. */
  start(requestId: string): void {
    this.launch(requestId, 'claim');
  }

  /** Takes over approved requests that no instance started and running ones whose lease has ended. */
  async resumeAbandoned(): Promise<void> {
    const runnable = await this.context.store.listRunnable();
    for (const request of runnable) {
      if (request.state === 'running' && request.runLease && Date.parse(request.runLease.until) > this.context.now().getTime()) continue;
      this.launch(request.id, 'resume');
    }
  }

  /**
   * Stops every run: steps in flight are cancelled and stay `running`. The
   * leases are released, so another instance resumes the runs at its next
   * sweep instead of waiting for the leases to end.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queued.size > 0) {
      this.context.logger.info({ requestIds: [...this.queued.keys()] }, 'dropped the queued runs, which stay approved for the next sweep of any instance');
      this.queued.clear();
    }
    const stopped = [...this.active.keys()];
    for (const run of this.active.values()) run.controller.abort();
    await Promise.all([...this.active.values()].map((run) => run.done));
    await Promise.all(stopped.map((requestId) => this.releaseLease(requestId)));
  }

  private async releaseLease(requestId: string): Promise<void> {
    const { owner } = this.lease;
    try {
      const released = await this.context.store.update(requestId, (current) => {
        if (current.state !== 'running' || current.runLease?.owner !== owner) return current;
        return { ...current, runLease: { owner, until: this.context.now().toISOString() } };
      });
      if (released.ok && released.changed) this.context.logger.info({ requestId, leaseOwner: owner }, 'released the lease of a stopped run');
    } catch (error) {
      this.context.logger.warn({ err: error, requestId }, 'failed to release the lease of a stopped run, so another instance resumes it only when the lease ends');
    }
  }

  private get lease(): LeaseInput {
    return { owner: this.context.leaseOwner, leaseMs: this.context.tuning.leaseMs };
  }

  private get maxConcurrentRuns(): number {
    return this.context.tuning.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS;
  }

  private launch(requestId: string, startKind: StartKind): void {
    if (this.closed || this.active.has(requestId) || this.queued.has(requestId)) return;
    if (this.active.size >= this.maxConcurrentRuns) {
      this.queued.set(requestId, startKind);
      this.context.logger.info({ requestId, startKind, queueLength: this.queued.size, maxConcurrentRuns: this.maxConcurrentRuns }, 'queued the run until a slot is free');
      return;
    }
    this.begin(requestId, startKind);
  }

  private begin(requestId: string, startKind: StartKind): void {
    const controller = new AbortController();
    const logger = this.context.logger.child({ requestId, leaseOwner: this.context.leaseOwner });
    const done = this.claimAndRun(requestId, startKind, controller, logger)
      .catch((error: unknown) => logger.error({ err: error }, 'the background run failed outside its steps'))
      .finally(() => {
        this.active.delete(requestId);
        this.startQueued();
      });
    this.active.set(requestId, { controller, done });
  }

  /** Starts queued requests while slots are free. Each is claimed only now. */
  private startQueued(): void {
    for (const [requestId, startKind] of this.queued) {
      if (this.closed || this.active.size >= this.maxConcurrentRuns) return;
      this.queued.delete(requestId);
      this.context.logger.info({ requestId, startKind }, 'a slot is free, so the queued run starts');
      this.begin(requestId, startKind);
    }
  }

  private async claimAndRun(requestId: string, startKind: StartKind, controller: AbortController, logger: Logger): Promise<void> {
    const { store } = this.context;
    const claim = startKind === 'claim' ? await store.claimRun(requestId, this.lease) : await store.resumeRun(requestId, this.lease);
    if (!claim.ok) {
      logger.info({ code: claim.refusal.code, state: claim.refusal.state, startKind }, 'did not claim the run');
      return;
    }
    await this.execute(claim.request, controller, logger.child({ runAction: claim.request.runAction }));
  }

  private async execute(request: ChangeRequest, controller: AbortController, logger: Logger): Promise<void> {
    logger.info({ resumed: request.run !== undefined }, 'run started');
    this.reporter.schedule(request.id);
    const renewal = setInterval(() => void this.renew(request.id, controller, logger), Math.max(10, this.context.tuning.leaseMs / 3));

    let succeeded: ChangeRequest | undefined;
    try {
      succeeded = request.runAction === 'rollback' ? await this.rollBack(request, logger) : await this.runForward(request, controller, logger);
    } catch (error) {
      await this.stopOnError(request, error, logger);
    } finally {
      // The lease ends with the run, so posting the results needs no renewal.
      clearInterval(renewal);
      this.reporter.setRetry(request.id, undefined);
      this.reporter.schedule(request.id, { final: true });
    }

    if (succeeded) await this.finishSuccess(succeeded, logger);
  }

  private async stopOnError(request: ChangeRequest, error: unknown, logger: Logger): Promise<void> {
    if (error instanceof RequestStoreError && error.code === 'lease_lost') {
      logger.warn('lost the run lease to another instance, so this one stopped');
      return;
    }
    logger.error({ err: error }, 'the run failed unexpectedly');
    const message = describeStop(request, error);
    const failed = await this.context.store.update(request.id, (current) => {
      const now = this.context.now();
      const next = failRun(current, this.lease.owner, { note: 'stopped by an unexpected error' }, now);
      return isRefusal(next) ? next : { ...next, runError: { message, at: now.toISOString() } };
    });
    this.logUpdate(failed, logger);
  }

  private async finishSuccess(request: ChangeRequest, logger: Logger): Promise<void> {
    if (request.state !== 'succeeded') return;
    try {
      await this.reporter.afterSuccess(request, logger);
    } catch (error) {
      logger.error({ err: error }, 'failed to post the results of a succeeded request');
    }
  }

  /** Runs the plan from where it stopped and returns the request when it succeeded. */
  private async runForward(request: ChangeRequest, controller: AbortController, logger: Logger): Promise<ChangeRequest | undefined> {
    const { context } = this;
    const result = await runPlan({
      plan: request.plan,
      gateway: context.gateway,
      state: request.run,
      progress: context.store.progressStoreFor(request.id, this.lease),
      onEvent: (event) => this.onEvent(request.id, event),
      logger,
      signal: controller.signal,
      ...(context.tuning.confirmBackoff ? { confirmBackoff: context.tuning.confirmBackoff } : {}),
      now: context.now,
      onSecret: (secret) => this.deliverSecret(request, secret, logger),
    });

    if (result.status === 'cancelled') {
      logger.info('run paused, and it resumes on the next start or on another instance');
      return undefined;
    }
    if (result.status === 'failed') {
      logger.warn({ stepId: result.failure?.stepId, code: result.failure?.failure.code }, 'run failed');
      this.logUpdate(await context.store.update(request.id, (current) => failRun(current, this.lease.owner, { run: result.state }, context.now())), logger);
      return undefined;
    }

    const values = SETUP_KINDS.includes(request.kind) ? await this.readSetupValues(request, result.state.outputs, logger) : undefined;
    const outcome = { run: result.state, ...(result.certificate ? { certificate: result.certificate } : {}), ...(values ? { setupValues: values } : {}) };
    const finished = await context.store.update(request.id, (current) => succeedRun(current, this.lease.owner, outcome, context.now()));
    this.logUpdate(finished, logger);
    return finished.ok ? finished.request : undefined;
  }

  /** Deletes what the run created. The request ends `rolled-back`, which has no results to post. */
  private async rollBack(request: ChangeRequest, logger: Logger): Promise<ChangeRequest | undefined> {
    const state = request.run ?? { steps: [], outputs: {}, created: [] };
    const result = await rollbackRun({ state, gateway: this.context.gateway, logger });
    const note = `rollback removed ${result.deleted.length} object(s) and kept ${result.kept.length}`;
    logger.info({ deleted: result.deleted.map((object) => object.id), kept: result.kept.map((entry) => entry.object.id) }, 'rollback finished');
    const finished = await this.context.store.update(request.id, (current) => succeedRun(current, this.lease.owner, { note }, this.context.now()));
    this.logUpdate(finished, logger);
    return finished.ok ? finished.request : undefined;
  }

  private onEvent(requestId: string, event: RunEvent): void {
    if (event.type === 'step-retried') {
      this.reporter.setRetry(requestId, { stepId: event.stepId, attempt: event.attempt, reason: event.reason });
    } else {
      this.reporter.setRetry(requestId, undefined);
    }
    this.reporter.schedule(requestId);
  }

  private async deliverSecret(request: ChangeRequest, secret: GeneratedSecret, logger: Logger): Promise<void> {
    const recipient = { conversation: request.conversation as Partial<ConversationReference>, requester: request.requester, tenantId: request.tenantId };
    const delivery = await this.context.deliverPassword(recipient, secret);
    logger.info({ userId: secret.userId, delivery }, 'handled the initial password of a new user');
    await this.context.store.update(request.id, (current) => ({ ...current, result: { ...current.result, passwordDelivery: delivery } }));
  }

  /**
   * Builds the values the vendor side needs. A run that added or adopted the
   * app recorded its appId, so no Graph read delays the "Done" card. A repair
   * plan starts from an existing app and records none, so its appId is read.
   */
  private async readSetupValues(request: ChangeRequest, outputs: Record<string, unknown>, logger: Logger): Promise<SetupValues | undefined> {
    const profile = profileOf(request);
    if (typeof outputs.appId === 'string' && outputs.appId !== '') {
      return setupValues(profile, request.tenantId, outputs.appId, this.context.cloud);
    }
    try {
      const [application] = await this.context.gateway.findApplicationsByIdentifierUri(profile.identifierUri);
      if (!application?.appId) return undefined;
      return setupValues(profile, request.tenantId, application.appId, this.context.cloud);
    } catch (error) {
      logger.warn({ err: error }, 'failed to read the application for the set-up values, so the values card is left out');
      return undefined;
    }
  }

  private async renew(requestId: string, controller: AbortController, logger: Logger): Promise<void> {
    try {
      const renewed = await this.context.store.renewLease(requestId, this.lease);
      if (!renewed.ok) {
        logger.warn({ code: renewed.refusal.code }, 'failed to renew the run lease, so the run stops');
        controller.abort();
      }
    } catch (error) {
      logger.warn({ err: error }, 'failed to renew the run lease, so it is renewed again at the next interval');
    }
  }

  private logUpdate(result: UpdateResult, logger: Logger): void {
    if (!result.ok) logger.warn({ code: result.refusal.code, state: result.refusal.state }, 'could not record the end of the run');
  }
}

/** Describes an error that stopped a run outside its steps, for the failed card. The log contains the cause. */
function describeStop(request: ChangeRequest, error: unknown): string {
  const subject = request.runAction === 'rollback' ? 'The rollback' : 'The run';
  if (!isDirectoryError(error)) return `${subject} stopped because of an unexpected error. Retry repeats it, and the bot's log has the details.`;
  const status = error.httpStatus ? ` (HTTP ${error.httpStatus})` : '';
  const requestId = error.graphRequestId ? ` Graph request id: ${error.graphRequestId}.` : '';
  return `${subject} failed: Microsoft Graph returned the error code ${error.graphCode ?? error.code}${status}.${requestId} Retry repeats it.`;
}
