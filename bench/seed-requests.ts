// Fills a SQLite state file with change requests through ChangeRequestStore,
// so the documents and index keys are exactly those the bot writes. The
// requests look like a long-used tenant: mostly finished set-ups spread over
// the last 90 days, in several conversations, with a few still open.

import { goToMeetingProfile, planSetup, type TenantState } from '../src/sso/index.js';
import { ChangeRequestStore, type NewChangeRequest, type RequestState } from '../src/requests/index.js';
import { SqliteStorage } from '../src/storage/sqlite-storage.js';
import { defaultTenantId, people, type TestPerson } from '../test/support/activities.js';

/** States of the seeded requests and their shares, in percent. */
const stateShares: Array<[RequestState, number]> = [
  ['succeeded', 80],
  ['rejected', 8],
  ['expired', 5],
  ['cancelled', 3],
  ['failed', 2],
  ['pending-approval', 2],
];

const DAY_MS = 86_400_000;
const CONVERSATIONS = 20;

export interface SeedOptions {
  path: string;
  count: number;
  serviceUrl: string;
  now?: Date;
}

/** Writes `count` requests into the SQLite file at `path` and closes it. */
export async function seedRequests(options: SeedOptions): Promise<void> {
  const storage = new SqliteStorage(options.path);
  const store = new ChangeRequestStore({ storage });
  const now = options.now ?? new Date();
  const plan = planSetup(goToMeetingProfile, { relayState: goToMeetingProfile.relayStates[0]!.url, createTestUser: true }, emptyTenant(now));
  const requesters = [people.alex, people.adele, people.patti];
  try {
    for (let index = 0; index < options.count; index += 1) {
      const createdAt = new Date(now.getTime() - ((options.count - index) / options.count) * 90 * DAY_MS);
      const requester = requesters[index % requesters.length]!;
      await store.create(seededRequest({ state: stateAt(index), createdAt, requester, plan, conversation: conversationOf(index, requester, options.serviceUrl) }));
    }
  } finally {
    await storage.close();
  }
}

function stateAt(index: number): RequestState {
  let position = index % 100;
  for (const [state, share] of stateShares) {
    if (position < share) return state;
    position -= share;
  }
  return 'succeeded';
}

/** Builds the conversation of request `index`: every fifth is in the requester's personal chat, the rest in shared channels. */
function conversationOf(index: number, requester: TestPerson, serviceUrl: string): Record<string, unknown> {
  const id = index % 5 === 0 ? `a:personal-${requester.id}` : `19:bench-channel-${index % CONVERSATIONS}@thread.tacv2`;
  return { conversation: { id, tenantId: defaultTenantId }, serviceUrl, channelId: 'msteams', bot: { id: '28:sso-bot', name: 'SSO Bot' } };
}

interface SeededRequestInput {
  state: RequestState;
  createdAt: Date;
  requester: TestPerson;
  plan: ReturnType<typeof planSetup>;
  conversation: Record<string, unknown>;
}

function seededRequest(input: SeededRequestInput): NewChangeRequest {
  const created = input.createdAt.toISOString();
  const finished = new Date(input.createdAt.getTime() + 10 * 60_000).toISOString();
  const requester = { aadObjectId: input.requester.aadObjectId, name: input.requester.name, teamsUserId: input.requester.id };
  const approver = { aadObjectId: people.megan.aadObjectId, name: people.megan.name, teamsUserId: people.megan.id };
  const open = input.state === 'pending-approval';
  return {
    kind: 'setup-sso',
    state: input.state,
    tenantId: defaultTenantId,
    appProfileId: goToMeetingProfile.id,
    parameters: { ...input.plan.choices },
    requester,
    conversation: input.conversation,
    cardActivityId: `seeded-card-${created}`,
    plan: input.plan,
    approvals: input.state === 'succeeded' || input.state === 'failed' ? [{ approver, planHash: input.plan.hash, at: finished, round: 1 }] : [],
    history: [
      { at: created, state: 'draft', by: requester, note: 'created' },
      { at: created, state: 'pending-approval', by: requester },
      ...(open ? [] : [{ at: finished, state: input.state, by: approver }]),
    ],
    createdAt: created,
    updatedAt: open ? created : finished,
    expiresAt: new Date(input.createdAt.getTime() + (open ? 90 * DAY_MS : DAY_MS)).toISOString(),
    approvalRound: 1,
  };
}

/** Builds the tenant state the planner reads before the first set-up: no GoToMeeting objects. */
function emptyTenant(now: Date): TenantState {
  return {
    readAt: now.toISOString(),
    tenantId: defaultTenantId,
    defaultDomain: 'contoso.example',
    verifiedDomains: ['contoso.example'],
    template: { id: '00000000-0000-4000-8000-00000000a001', displayName: 'GoToMeeting' },
    assignments: [],
  };
}
