// Builders for actors, plans and requests, and checks of transition results,
// shared by the change-request tests.
import type { Plan } from '../../src/sso/types.js';
import { isRefusal, type ApprovalRules, type Refusal } from '../../src/requests/transitions.js';
import type { Actor, ChangeRequest, NewChangeRequest, RequestState } from '../../src/requests/types.js';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT_ID = '99999999-8888-7777-6666-555555555555';
export const T0 = new Date('2026-12-01T10:00:00.000Z');
export const RULES: ApprovalRules = { approvalTtlMs: 24 * 3_600_000, approvalsRequired: 1 };

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

export function actor(name: string, overrides: Partial<Actor> = {}): Actor {
  const id = `00000000-0000-0000-0000-${name.toLowerCase().padEnd(12, '0').slice(0, 12).replace(/[^0-9a-f]/g, 'a')}`;
  return { aadObjectId: id, name, tenantId: TENANT_ID, ...overrides };
}

export const requester = actor('Adele');
export const approverA = actor('Bianca');
export const approverB = actor('Cedric');
export const outsider = actor('Eddie');

export function plan(hash = 'hash-1', choices: Record<string, unknown> = { relayState: 'GoToMeeting' }): Plan {
  return {
    kind: 'setup-sso',
    appProfileId: 'gotomeeting',
    choices,
    summary: ['Add GoToMeeting from the gallery'],
    steps: [{ id: 'instantiate', kind: 'instantiate', title: 'Add the app', dependsOn: [], requests: [], params: {} }],
    noChanges: false,
    hash,
  };
}

export function conversationReference(conversationId = '19:channel@thread.tacv2'): Record<string, unknown> {
  return { conversation: { id: conversationId, tenantId: TENANT_ID }, serviceUrl: 'https://smba.example.invalid/' };
}

/** Builds a stored-shape request in any state, for table tests and store seeding. */
export function request(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  const at = T0.toISOString();
  return {
    id: 'CR-7F3K',
    kind: 'setup-sso',
    state: 'pending-approval',
    tenantId: TENANT_ID,
    appProfileId: 'gotomeeting',
    parameters: { relayState: 'GoToMeeting' },
    requester: stored(requester),
    conversation: conversationReference(),
    plan: plan(),
    approvals: [],
    approvalRound: 1,
    history: [{ at, state: 'draft', by: stored(requester), note: 'created' }],
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(T0.getTime() + RULES.approvalTtlMs).toISOString(),
    ...overrides,
  };
}

export function newRequest(overrides: Partial<NewChangeRequest> = {}): NewChangeRequest {
  const { id: _id, ...rest } = request(overrides as Partial<ChangeRequest>);
  return rest;
}

/** Returns the actor as transitions record it, without the tenant id of the activity. */
export function stored(person: Actor): Actor {
  const { tenantId: _tenantId, ...rest } = person;
  return rest;
}

export function inState(state: RequestState, overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return request({ state, ...overrides });
}

/** A random source that returns the given bytes in turn, then repeats the last. */
export function scriptedRandom(values: number[][]): (count: number) => Uint8Array {
  let call = 0;
  return (count) => {
    const source = values[Math.min(call, values.length - 1)] ?? [0];
    call += 1;
    return Uint8Array.from({ length: count }, (_, index) => source[index % source.length] ?? 0);
  };
}

/** Returns the transition's request, or throws with the refusal code so the failing test names it. */
export function expectRequest(result: ChangeRequest | Refusal): ChangeRequest {
  if (isRefusal(result)) throw new Error(`expected a request, got refusal ${result.code}`);
  return result;
}

/** Returns the transition's refusal, or throws when the transition succeeded. */
export function expectRefusal(result: unknown): Refusal {
  if (!isRefusal(result)) throw new Error('expected a refusal');
  return result;
}
