// Drives the set-up flow over HTTP as Teams would. Alex requests the
// GoToMeeting set-up in a channel and submits the card, then Megan approves.
// The card data the next click needs (request id, plan hash, round) is read
// from the cards the bot sent, as a Teams client reads it.

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cardAction, messageActivity, people, type TestActivity } from '../test/support/activities.js';
import type { ConnectorCall, FastConnector } from './fast-connector.js';
import { postOnce } from './load.js';

/** A connector call with the time it arrived. */
export interface RecordedCall extends ConnectorCall {
  /** `performance.now()` at arrival. */
  at: number;
  /** `Date.now()` at arrival, to compare with the emulator's request log. */
  wallClock: number;
}

/** Records what the bot sends through a fast connector while it is attached. */
export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<{ predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }>();

  constructor(private readonly connector: FastConnector) {
    connector.observe((call) => this.record({ ...call, at: performance.now(), wallClock: Date.now() }));
  }

  /** Resolves with the first recorded call that matches, waiting up to `timeoutMs` for it. */
  waitFor(predicate: (call: RecordedCall) => boolean, description: string, timeoutMs = 60_000): Promise<RecordedCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (call: RecordedCall) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`The connector received no ${description} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  detach(): void {
    this.connector.observe(undefined);
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (waiter.predicate(call)) {
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }
}

/** A request waiting for approval, with the data its Approve button carries. */
export interface PendingRequest {
  conversationId: string;
  cardActivityId: string;
  approveData: Record<string, unknown>;
}

export interface FlowTarget {
  botUrl: string;
  serviceUrl: string;
  recorder: CallRecorder;
}

/**
 * Requests the GoToMeeting set-up in a channel conversation of its own and
 * submits the card with the first RelayState, so the request waits for approval.
 */
export async function createPendingRequest(target: FlowTarget, conversationKey: string, createTestUser: boolean): Promise<PendingRequest> {
  const conversationId = `19:bench-${conversationKey}@thread.tacv2;messageid=${Date.now()}`;
  const message = messageActivity({ text: 'set up GoToMeeting SSO', conversationType: 'channel', conversationId, from: people.alex, serviceUrl: target.serviceUrl, id: `bench-${randomUUID()}` });
  await post(target.botUrl, message);

  const reply = await target.recorder.waitFor((call) => call.method === 'POST' && call.path.endsWith(`/activities/${encodeURIComponent(message.id)}`), `request card for ${conversationKey}`);
  const submitData = findActionData(reply.body, 'request.submit');
  if (!submitData) throw new Error(`The bot's reply to "set up GoToMeeting SSO" has no Submit button: ${JSON.stringify(reply.body).slice(0, 300)}`);

  const submit = cardAction({
    verb: 'request.submit',
    data: { ...submitData, relayState: 'https://global.gotomeeting.com', createTestUser: String(createTestUser) },
    conversationType: 'channel',
    conversationId,
    from: people.alex,
    serviceUrl: target.serviceUrl,
    replyToId: reply.activityId,
  });
  const response = await post(target.botUrl, submit);
  const approveData = findActionData(JSON.parse(response.body), 'request.approve');
  if (!approveData) throw new Error(`The submitted card has no Approve button: ${response.body.slice(0, 300)}`);
  return { conversationId, cardActivityId: reply.activityId, approveData };
}

/** Megan's Approve click on the request's card. */
export function approveClick(target: Pick<FlowTarget, 'serviceUrl'>, request: PendingRequest): TestActivity {
  return cardAction({
    verb: 'request.approve',
    data: request.approveData,
    conversationType: 'channel',
    conversationId: request.conversationId,
    from: people.megan,
    serviceUrl: target.serviceUrl,
    replyToId: request.cardActivityId,
  });
}

/** Returns the `data` of the first `Action.Execute` with `verb` anywhere in `value`. */
export function findActionData(value: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findActionData(item, verb);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;

  const object = value as Record<string, unknown>;
  if (object.type === 'Action.Execute' && object.verb === verb) return (object.data as Record<string, unknown> | undefined) ?? {};
  for (const item of Object.values(object)) {
    const found = findActionData(item, verb);
    if (found) return found;
  }
  return undefined;
}

async function post(botUrl: string, activity: TestActivity): Promise<{ status: number; body: string }> {
  const exchange = await postOnce(`${botUrl}/api/messages`, JSON.stringify(activity));
  if (exchange.status < 200 || exchange.status > 299) {
    throw new Error(`The bot returned HTTP ${exchange.status} for a ${activity.type}: ${exchange.body.slice(0, 300)}`);
  }
  return exchange;
}
