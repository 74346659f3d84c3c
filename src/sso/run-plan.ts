import { setTimeout as delay } from 'node:timers/promises';
import { collectGraphExchanges, type DirectoryGateway, type RetryNotice } from '../directory/index.js';
import { runConfigureApplication, runConfigureServicePrincipal, runInstantiate } from './application-steps.js';
import { runActivateCertificate, runAddCertificate } from './certificate-steps.js';
import { ACTIVATE_EXISTING_CERTIFICATE, runActivateExistingCertificate } from './rotation/activate-existing-step.js';
import { describeFailure, type RunFailure } from './run-failure.js';
import { defaultConfirmBackoff, resolvePlaceholders, type ConfirmBackoff, type GeneratedSecret, type RunLogger, type StepContext } from './run-context.js';
import { SetupError } from './setup-error.js';
import type { Plan, PlanStep, RunEvent, RunProgressStore, RunState, SigningCertificate, StepRecord } from './types.js';
import { runAssignUser, runCreateTestUser } from './user-steps.js';
import { generatePassword } from './users/password.js';
import { runUnassignUser } from './users/unassign-step.js';

type StepExecutor = (context: StepContext) => Promise<void>;

const executors: Record<string, StepExecutor> = {
  instantiate: runInstantiate,
  'configure-service-principal': runConfigureServicePrincipal,
  'configure-application': runConfigureApplication,
  'add-signing-certificate': runAddCertificate,
  'activate-signing-certificate': runActivateCertificate,
  [ACTIVATE_EXISTING_CERTIFICATE]: runActivateExistingCertificate,
  'create-test-user': runCreateTestUser,
  'assign-user': runAssignUser,
  'unassign-user': runUnassignUser,
};

export interface RunPlanOptions {
  plan: Plan;
  gateway: DirectoryGateway;
  /** The saved state of an earlier, unfinished run of the same plan; `undefined` starts afresh. */
  state: RunState | undefined;
  progress: RunProgressStore;
  onEvent(event: RunEvent): void;
  logger: RunLogger;
  /** Stops starting new steps; steps in flight are cancelled and stay `running` in the saved state. */
  signal?: AbortSignal;
  confirmBackoff?: ConfirmBackoff;
  now?: () => Date;
  generatePassword?: () => string;
  /**
   * Receives each generated secret once, for delivery to the requester
   * alone. Without it the secret is dropped. An error it throws is logged
   * without the secret and does not fail the step.
   */
  onSecret?: (secret: GeneratedSecret) => Promise<void> | void;
}

export interface RunResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  state: RunState;
  failure?: RunFailure;
  certificate?: SigningCertificate;
}

/** A random password from all four character classes (see `generatePassword`), for a user who must change it at first sign-in. */
export function generateTestPassword(): string {
  return generatePassword();
}

function initialState(plan: Plan, saved: RunState | undefined): RunState {
  const records = new Map((saved?.steps ?? []).map((record) => [record.stepId, record]));
  return {
    steps: plan.steps.map((step) => records.get(step.id) ?? { stepId: step.id, status: 'pending', attempts: 0, graphRequestIds: [] }),
    outputs: { ...(saved?.outputs ?? {}) },
    created: [...(saved?.created ?? [])],
  };
}

class PlanRun {
  private readonly state: RunState;
  private saving: Promise<void> = Promise.resolve();
  private failure: RunFailure | undefined;
  private readonly failedInThisRun = new Set<string>();
  /** Steps that were in flight when the saved run stopped. */
  private readonly interrupted: ReadonlySet<string>;

  constructor(private readonly options: RunPlanOptions) {
    this.state = initialState(options.plan, options.state);
    this.interrupted = new Set((options.state?.steps ?? []).filter((record) => record.status === 'running').map((record) => record.stepId));
  }

  private record(stepId: string): StepRecord {
    return this.state.steps.find((record) => record.stepId === stepId)!;
  }

  private persist(): Promise<void> {
    const snapshot = structuredClone(this.state);
    this.saving = this.saving.then(() => this.options.progress.save(snapshot));
    return this.saving;
  }

  private isReady(step: PlanStep): boolean {
    const status = this.record(step.id).status;
    // A step that failed in an earlier run is repeated on resume, but not within the run that failed it.
    const failedInThisRun = this.failedInThisRun.has(step.id);
    return status !== 'succeeded' && status !== 'skipped' && !failedInThisRun && step.dependsOn.every((id) => this.record(id).status === 'succeeded');
  }

  async run(): Promise<RunResult> {
    const inFlight = new Map<string, Promise<void>>();
    for (;;) {
      const failedAndStopping = this.failure !== undefined && this.options.plan.continueAfterFailure !== true;
      const stopped = failedAndStopping || this.options.signal?.aborted === true;
      if (!stopped) {
        for (const step of this.options.plan.steps) {
          if (!inFlight.has(step.id) && this.isReady(step)) inFlight.set(step.id, this.runStep(step).finally(() => inFlight.delete(step.id)));
        }
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
    }
    await this.saving;
    return this.result();
  }

  private result(): RunResult {
    const certificate = this.state.outputs.certificate as SigningCertificate | undefined;
    const done = this.state.steps.every((record) => record.status === 'succeeded' || record.status === 'skipped');
    let status: RunResult['status'] = 'cancelled';
    if (this.failure) status = 'failed';
    else if (done) status = 'succeeded';
    return { status, state: structuredClone(this.state), ...(this.failure ? { failure: this.failure } : {}), ...(certificate ? { certificate } : {}) };
  }

  private context(step: PlanStep, record: StepRecord): StepContext {
    const { options, state } = this;
    const onRetry = (notice: RetryNotice): void => {
      options.logger.warn({ stepId: step.id, operation: notice.operation, attempt: notice.attempt, delayMs: notice.delayMs, graphRequestId: notice.error.graphRequestId }, 'Graph request retried');
      options.onEvent({ type: 'step-retried', stepId: step.id, title: step.title, attempt: notice.attempt, reason: notice.reason, delayMs: notice.delayMs });
    };
    return {
      step,
      params: resolvePlaceholders(step.params, state.outputs) as Record<string, unknown>,
      gateway: options.gateway,
      call: { onRetry, signal: options.signal },
      outputs: state.outputs,
      isRepeat: record.attempts > 1,
      interrupted: this.interrupted.has(step.id),
      record: async (outputs, created = []) => {
        Object.assign(state.outputs, outputs);
        state.created.push(...created.map((object) => ({ ...object, stepId: step.id })));
        await this.persist();
      },
      isFresh: (id) => state.created.some((object) => object.id === id),
      confirm: options.confirmBackoff ?? defaultConfirmBackoff,
      sleep: (ms) => delay(ms, undefined, { signal: options.signal }),
      now: options.now ?? (() => new Date()),
      generatePassword: options.generatePassword ?? generateTestPassword,
      handOverSecret: async (secret) => {
        try {
          await options.onSecret?.(secret);
        } catch (error) {
          options.logger.error({ stepId: step.id, userId: secret.userId, err: error }, 'failed to deliver a generated secret, so it is dropped');
        }
      },
      logger: options.logger,
    };
  }

  private async runStep(step: PlanStep): Promise<void> {
    const { options } = this;
    const record = this.record(step.id);
    record.status = 'running';
    record.attempts += 1;
    record.startedAt = (options.now?.() ?? new Date()).toISOString();
    delete record.failure;
    await this.persist();
    options.onEvent({ type: 'step-started', stepId: step.id, title: step.title, attempt: record.attempts });
    options.logger.info({ stepId: step.id, attempt: record.attempts }, 'step started');

    try {
      const executor = executors[step.kind];
      if (executor === undefined) throw new SetupError('unknown_step_kind', `The runner has no executor for step kind ${step.kind}.`);
      const { exchanges } = await collectGraphExchanges(() => executor(this.context(step, record)));
      record.graphRequestIds.push(...exchanges.flatMap((exchange) => exchange.requestId ?? []));
      record.status = 'succeeded';
      record.finishedAt = (options.now?.() ?? new Date()).toISOString();
      await this.persist();
      options.logger.info({ stepId: step.id, graphRequestIds: record.graphRequestIds }, 'step succeeded');
      options.onEvent({ type: 'step-succeeded', stepId: step.id, title: step.title, graphRequestIds: [...record.graphRequestIds] });
    } catch (error) {
      const exchanges = (error as { graphExchanges?: Array<{ requestId?: string }> }).graphExchanges ?? [];
      record.graphRequestIds.push(...exchanges.flatMap((exchange) => exchange.requestId ?? []));
      if (options.signal?.aborted) {
        // A cancelled step stays `running`, as after a crash, so a resume repeats it.
        await this.persist();
        return;
      }
      const failure = describeFailure(step, error);
      record.status = 'failed';
      record.failure = failure.failure;
      this.failedInThisRun.add(step.id);
      record.finishedAt = (options.now?.() ?? new Date()).toISOString();
      this.failure ??= failure;
      await this.persist();
      options.logger.error({ stepId: step.id, err: error, ...failure.failure }, 'step failed');
      options.onEvent({ type: 'step-failed', stepId: step.id, title: step.title, failure: failure.failure });
    }
  }
}

/**
 * Runs the plan's steps in dependency order, independent steps in parallel,
 * saving progress after each step. Given the saved state of an earlier run it
 * resumes: finished steps are skipped and every other step checks the tenant
 * before it writes, so repeating a step changes nothing.
 */
export function runPlan(options: RunPlanOptions): Promise<RunResult> {
  return new PlanRun(options).run();
}
