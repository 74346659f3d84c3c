import { CardFactory, type AdaptiveCardInvokeResponse, type ConversationReference } from 'botbuilder';
import type { AdaptiveCardJson, StepRetry } from '../../cards/index.js';
import { expire } from '../../requests/index.js';
import type { ChangeRequest } from '../../requests/types.js';
import type { ChangeKind } from '../../sso/index.js';
import type { CardActionTurn } from '../command-router.js';
import { ApproverNames } from './approver-names.js';
import { CardUpdates } from './card-updates.js';
import type { FlowContext } from './flow-context.js';
import { RequestPlanner } from './plan-request.js';
import { buildRequestCard, type RequestCardExtras } from './request-card.js';
import type { Logger } from '../../logging/index.js';
import { postResults } from './post-results.js';
import { checklistAttachment } from './result-cards.js';
import { RunOrchestrator } from './run-orchestrator.js';
import { SETUP_KINDS } from './setup-kinds.js';

/**
 * The hooks of a request kind other than the SSO set-up: its card, its
 * "Submit for approval" and what follows a successful run.
 * Approve, Reject, Cancel, Retry, Roll back and the run itself are shared.
 */
export interface RequestKindHandlers {
  card(request: ChangeRequest, extras: RequestCardExtras): AdaptiveCardJson;
  /** Handles "Submit for approval"; the request is loaded and belongs to this kind. */
  submit?(turn: CardActionTurn, request: ChangeRequest): Promise<AdaptiveCardInvokeResponse>;
  /** Runs after the request succeeded, for example to post results; nothing by default. */
  afterSuccess?(request: ChangeRequest): Promise<void>;
}

/**
 * The state the set-up flow shares between its handlers: the planner, the
 * coalescing card updates, the background runs and the maintenance timer
 * that expires overdue requests and takes over abandoned runs.
 */
export class SetupFlow {
  readonly planner: RequestPlanner;
  readonly approvers: ApproverNames;
  readonly cards: CardUpdates;
  /** Updates of the posted checklist cards, coalesced like the request cards. */
  readonly checklistCards: CardUpdates;
  readonly runs: RunOrchestrator;
  private readonly retries = new Map<string, StepRetry>();
  private readonly kinds = new Map<ChangeKind, RequestKindHandlers>();
  private maintenanceTimer: NodeJS.Timeout | undefined;
  private maintaining: Promise<void> | undefined;

  constructor(readonly context: FlowContext) {
    this.planner = new RequestPlanner(context.gateway);
    this.approvers = new ApproverNames({ ...context, now: context.now });
    this.cards = new CardUpdates({
      render: (requestId) => this.renderCard(requestId),
      intervalMs: context.tuning.cardUpdateIntervalMs,
      logger: context.logger,
    });
    this.checklistCards = new CardUpdates({
      render: (requestId) => this.renderChecklist(requestId),
      intervalMs: context.tuning.cardUpdateIntervalMs,
      logger: context.logger,
    });
    this.runs = new RunOrchestrator(context, {
      afterSuccess: (request, logger) => this.afterSuccess(request, logger),
      schedule: (requestId, options) => this.cards.schedule(requestId, options),
      setRetry: (requestId, retry) => (retry ? this.retries.set(requestId, retry) : this.retries.delete(requestId)),
    });
  }

  extras(requestId: string, notice?: string): RequestCardExtras {
    const retry = this.retries.get(requestId);
    return {
      approvers: this.approvers.current(),
      rules: this.context.rules,
      ...(notice ? { notice } : {}),
      ...(retry ? { retry } : {}),
    };
  }

  /** Makes requests of `kinds` use `handlers` for their card, submit and results. */
  registerKind(kinds: ChangeKind[], handlers: RequestKindHandlers): void {
    for (const kind of kinds) {
      if (SETUP_KINDS.includes(kind) || this.kinds.has(kind)) throw new Error(`Handlers for the request kind "${kind}" are already registered.`);
      this.kinds.set(kind, handlers);
    }
  }

  /** Returns the handlers registered for the request's kind, or undefined for the set-up kinds. */
  kindHandlers(request: Pick<ChangeRequest, 'kind'>): RequestKindHandlers | undefined {
    return this.kinds.get(request.kind);
  }

  /** Builds the request card in the request's current state, with an optional notice line. */
  card(request: ChangeRequest, notice?: string): AdaptiveCardJson {
    const extras = this.extras(request.id, notice);
    return this.kinds.get(request.kind)?.card(request, extras) ?? buildRequestCard(request, extras);
  }

  /** Runs the expiry sweep and the takeover of abandoned runs now, then every maintenance interval. */
  startMaintenance(): void {
    void this.maintain();
    this.maintenanceTimer = setInterval(() => void this.maintain(), this.context.tuning.maintenanceIntervalMs);
    this.maintenanceTimer.unref();
  }

  /** Expires overdue requests and resumes runs that no live instance holds. Never rejects: a failed sweep is logged. */
  maintain(): Promise<void> {
    this.maintaining ??= this.sweep().finally(() => {
      this.maintaining = undefined;
    });
    return this.maintaining;
  }

  async close(): Promise<void> {
    clearInterval(this.maintenanceTimer);
    await this.maintaining;
    await this.runs.close();
    await this.cards.idle();
    await this.checklistCards.idle();
  }

  private async sweep(): Promise<void> {
    const { store, logger, now } = this.context;
    try {
      for (const overdue of await store.listExpired(now())) {
        const result = await store.update(overdue.id, (current) => expire(current, now()));
        if (result.ok && result.changed) this.cards.schedule(overdue.id);
      }
      await this.runs.resumeAbandoned();
    } catch (error) {
      logger.error({ err: error }, 'the maintenance sweep failed; it runs again at the next interval');
    }
  }

  private async afterSuccess(request: ChangeRequest, logger: Logger): Promise<void> {
    const handlers = this.kinds.get(request.kind);
    if (handlers) {
      await handlers.afterSuccess?.(request);
      return;
    }
    await postResults(this.context, request, logger);
  }

  private async renderCard(requestId: string): Promise<void> {
    const request = await this.context.store.get(requestId);
    if (!request?.cardActivityId) return;
    const reference = request.conversation as Partial<ConversationReference>;
    await this.context.messenger.update(reference, request.cardActivityId, CardFactory.adaptiveCard(this.card(request)));
  }

  private async renderChecklist(requestId: string): Promise<void> {
    const request = await this.context.store.get(requestId);
    const activityId = request?.resultActivityIds?.checklist;
    if (!request || !activityId) return;
    const state = await this.context.store.checklists.get(requestId);
    const reference = request.conversation as Partial<ConversationReference>;
    await this.context.messenger.update(reference, activityId, checklistAttachment(request, state));
  }
}
