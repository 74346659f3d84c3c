// Builders for the Bot Framework activities Teams sends, for tests that post
// them to /api/messages. Every builder sets `serviceUrl`, because botbuilder
// sends replies there (an activity without it makes botbuilder call out to
// the internet). Pass the `serviceUrl` of `startConnector()`.

import { randomUUID } from 'node:crypto';
import {
  ADELE_VANCE_ID,
  ALEX_WILBER_ID,
  DEMO_TENANT_ID,
  MEGAN_BOWEN_ID,
  PATTI_FERNANDEZ_ID,
} from '../../src/tenant-emulator/demo-seed.js';

/** Tenant of the test people, which is also the demo tenant of the tenant emulator. */
export const defaultTenantId = DEMO_TENANT_ID;

/** A tenant the bot must reject. */
export const foreignTenantId = '99999999-9999-4999-8999-999999999999';

export interface TestPerson {
  /** The Teams user id (`29:…`), as `from.id`. */
  id: string;
  name: string;
  aadObjectId: string;
}

/** Named test people. Alex and Megan are members of the emulator's approver group. */
export const people = {
  alex: { id: '29:alex-wilber', name: 'Alex Wilber', aadObjectId: ALEX_WILBER_ID },
  megan: { id: '29:megan-bowen', name: 'Megan Bowen', aadObjectId: MEGAN_BOWEN_ID },
  adele: { id: '29:adele-vance', name: 'Adele Vance', aadObjectId: ADELE_VANCE_ID },
  patti: { id: '29:patti-fernandez', name: 'Patti Fernandez', aadObjectId: PATTI_FERNANDEZ_ID },
} satisfies Record<string, TestPerson>;

/** The bot as Teams addresses it: `recipient` of every activity. */
export const testBot = { id: '28:sso-bot', name: 'SSO Bot' };

export type ConversationType = 'personal' | 'groupChat' | 'channel';

export interface ActivityOptions {
  serviceUrl: string;
  from?: TestPerson;
  conversationType?: ConversationType;
  /** Overrides the conversation id derived from the conversation type. */
  conversationId?: string;
  /** The tenant in `channelData.tenant.id` and `conversation.tenantId`. */
  tenantId?: string;
  /** Activity id, random by default. */
  id?: string;
}

export interface TestMention {
  person: TestPerson | { id: string; name: string; aadObjectId?: string };
}

export type TestActivity = Record<string, unknown> & { id: string; type: string };

/** Fields every activity shares: ids, channel, conversation, tenant, sender and bot. */
function baseActivity(type: string, options: ActivityOptions): TestActivity {
  const conversationType = options.conversationType ?? 'personal';
  const tenantId = options.tenantId ?? defaultTenantId;
  const from = options.from ?? people.alex;
  const conversationId = options.conversationId ?? defaultConversationId(conversationType, from);

  const channelData: Record<string, unknown> = { tenant: { id: tenantId } };
  if (conversationType === 'channel') {
    channelData.team = { id: '19:team-sso-admins@thread.tacv2' };
    channelData.channel = { id: '19:channel-general@thread.tacv2' };
  }

  return {
    type,
    id: options.id ?? `activity-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { ...testBot },
    conversation: {
      id: conversationId,
      conversationType,
      tenantId,
      isGroup: conversationType !== 'personal',
    },
    channelData,
    locale: 'en-US',
  };
}

function defaultConversationId(conversationType: ConversationType, from: TestPerson): string {
  switch (conversationType) {
    case 'personal':
      return `a:personal-${from.id}`;
    case 'groupChat':
      return '19:group-chat-sso@thread.v2';
    case 'channel':
      return '19:channel-general@thread.tacv2;messageid=1700000000000';
  }
}

/** Renders a mention as Teams writes it in message text. */
export function mentionText(person: { name: string }): string {
  return `<at>${person.name}</at>`;
}

function mentionEntity(person: TestMention['person']): Record<string, unknown> {
  return {
    type: 'mention',
    text: mentionText(person),
    mentioned: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
  };
}

export interface MessageOptions extends ActivityOptions {
  text: string;
  /** People mentioned in `text` (write them with `mentionText`). */
  mentions?: TestMention['person'][];
  /**
   * Whether to prefix `<at>SSO Bot</at>` and its entity. Defaults to true in
   * group chats and channels, where Teams delivers only messages that mention the bot.
   */
  mentionBot?: boolean;
}

/** Builds a message as Teams sends it to the bot. */
export function messageActivity(options: MessageOptions): TestActivity {
  const activity = baseActivity('message', options);
  const conversationType = options.conversationType ?? 'personal';
  const mentionBot = options.mentionBot ?? conversationType !== 'personal';

  const entities = (options.mentions ?? []).map(mentionEntity);
  let text = options.text;
  if (mentionBot) {
    text = `${mentionText(testBot)} ${text}`;
    entities.unshift(mentionEntity(testBot));
  }

  return { ...activity, text, textFormat: 'plain', entities };
}

export interface CardActionOptions extends ActivityOptions {
  verb: string;
  data?: Record<string, unknown>;
  /** The id of the message that carries the card. */
  replyToId?: string;
  /** Replaces `value` entirely, for malformed invokes. */
  value?: unknown;
}

/** Builds an `Action.Execute` click: an invoke named `adaptiveCard/action`. */
export function cardAction(options: CardActionOptions): TestActivity {
  const activity = baseActivity('invoke', options);
  const value = 'value' in options
    ? options.value
    : { action: { type: 'Action.Execute', id: randomUUID(), verb: options.verb, data: options.data ?? {} }, trigger: 'manual' };

  return {
    ...activity,
    name: 'adaptiveCard/action',
    replyToId: options.replyToId ?? 'card-activity-1',
    value,
  };
}

/** Builds the activity for the bot being added to a conversation: `conversationUpdate` with the bot in `membersAdded`. */
export function installActivity(options: ActivityOptions): TestActivity {
  return { ...baseActivity('conversationUpdate', options), membersAdded: [{ id: testBot.id, name: testBot.name }] };
}

export interface CardSubmitOptions extends ActivityOptions {
  /** The verb the card's `Action.Submit` fallback carries in its data. */
  verb: string;
  data?: Record<string, unknown>;
  /** The id of the message that carries the card. */
  replyToId?: string;
  /** Replaces `value` entirely, for malformed clicks. */
  value?: unknown;
}

/**
 * Builds an `Action.Submit` click, as Teams clients without `Action.Execute`
 * send it: a message without text whose `value` is the action's data with the verb.
 */
export function cardSubmit(options: CardSubmitOptions): TestActivity {
  const activity = baseActivity('message', options);
  const value = 'value' in options ? options.value : { ...(options.data ?? {}), verb: options.verb };
  return { ...activity, replyToId: options.replyToId ?? 'card-activity-1', value };
}
