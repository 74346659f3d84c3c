import { parseApp, readApp } from './apps.js';
import type { AppRef, Command, MentionEntity, UserRef } from './command.js';
import { normalizeText, withMentionNames, type NormalizedText } from './normalize-text.js';
import { parseRequestId } from './request-id.js';
import { parseUsers } from './parse-users.js';
import { suggestCommand } from './suggest-command.js';

type Rule = (match: RegExpExecArray, input: NormalizedText) => Command;

const setUp = String.raw`(?:please\s+)?(?:set\s*-?\s*up|configure|enable)`;
const sso = String.raw`(?:saml\s+)?(?:sso|single\s+sign[\s-]?on|saml)`;
const preposition = String.raw`(?:\s+(?:for|of|on|in))?`;

/** Ordered: the first pattern that matches decides. Patterns see normalised text. */
const rules: Array<[RegExp, Rule]> = [
  [/^(?:help|\?|commands|menu|what can you do)$/i, () => ({ type: 'help' })],
  [new RegExp(`^${setUp}\\s+${sso}\\s+(?:for|on)\\s+(.+)$`, 'i'), (m) => setupCommand(m[1])],
  [new RegExp(`^${setUp}\\s+(.+?)\\s+${sso}$`, 'i'), (m) => setupCommand(m[1])],
  [new RegExp(`^${setUp}\\s+(.+)$`, 'i'), (m) => setupCommand(m[1])],
  [/^create\s+(?:an?\s+)?test[\s-]?user(?:\s+(?:named|called))?(?:\s+(.+))?$/i, (m) => createTestUser(m[1])],
  [
    new RegExp(`^(?:rotate|renew|roll)\\s+(?:the\\s+)?(?:signing\\s+)?(?:certificate|cert)${preposition}(?:\\s+(.+))?$`, 'i'),
    (m, input) => withApp('rotate-certificate', m[1], input),
  ],
  [
    new RegExp(`^(?:(?:get|show|download|send)\\s+(?:the\\s+)?)?(?:signing\\s+)?(?:certificate|cert)${preposition}(?:\\s+(.+))?$`, 'i'),
    (m, input) => withApp('certificate', m[1], input),
  ],
  [new RegExp(`^(?:show\\s+)?status${preposition}(?:\\s+(.+))?$`, 'i'), (m, input) => withApp('status', m[1], input)],
  [/^who\s+has(?:\s+access)?(?:\s+to)?(?:\s+(.+))?$/i, (m, input) => withApp('who-has', m[1], input)],
  [
    new RegExp(`^(?:(?:list|show)\\s+)?assignments${preposition}(?:\\s+(.+))?$`, 'i'),
    (m, input) => withApp('who-has', m[1], input),
  ],
  [
    new RegExp(`^(?:show\\s+)?(?:the\\s+)?checklist${preposition}(?:\\s+(.+))?$`, 'i'),
    (m, input) => withApp('checklist', m[1], input),
  ],
  [/^(?:(?:list|show|my|open|pending)\s+)*(?:change\s+)?requests$/i, () => ({ type: 'requests' })],
  [/^cancel(?:\s+(?:change\s+)?request)?(?:\s+(.+))?$/i, (m, input) => cancelCommand(m[1], input)],
  [/^(?:unassign|remove)\s+(.+)$/i, (m, input) => assignment('unassign', m[1] as string, ' from ', input)],
  [/^assign\s+(.+)$/i, (m, input) => assignment('assign', m[1] as string, ' to ', input)],
];

/**
 * Parses a Teams message into a command. The function is pure and accepts
 * Teams markup (`<at>` tags, HTML entities, `<p>`, non-breaking spaces).
 * People mentioned come from `mentions`, and the mention of `botId` is ignored.
 */
export function parseCommand(text: string, mentions: MentionEntity[] = [], botId?: string): Command {
  const input = normalizeText(text, mentions, botId);
  if (input.text === '') {
    return { type: 'help' };
  }

  for (const [pattern, rule] of rules) {
    const match = pattern.exec(input.text);
    if (match) {
      return rule(match, input);
    }
  }

  return unknown(input, suggestCommand(input.text));
}

function unknown(input: NormalizedText, suggestion?: string, problem?: string): Command {
  const command: Command = { type: 'unknown', text: withMentionNames(input.text, input.mentions) };
  if (suggestion !== undefined) {
    command.suggestion = suggestion;
  }
  if (problem !== undefined) {
    command.problem = problem;
  }
  return command;
}

function unsupportedApp(name: string): string {
  return `"${name}" is not an app I can set up. Type "help" to see the commands, and name an app such as GoToMeeting.`;
}

function setupCommand(appText: string | undefined): Command {
  const name = (appText ?? '').trim();
  if (new RegExp(`^${sso}$`, 'i').test(name)) {
    const input = { text: `set up ${name}`, mentions: [] };
    return unknown(input, 'set up <app> SSO', 'Which app? Name it, for example "set up GoToMeeting SSO".');
  }
  const app = readApp(name);
  if (!app) {
    const input = { text: `set up ${name} SSO`, mentions: [] };
    return unknown(input, 'set up <app> SSO', unsupportedApp(name));
  }
  return { type: 'setup-sso', app };
}

/**
 * Parses "create test user [<name>] [for <app>]". The first " for " or " in "
 * followed by text that can be an app name separates the app, so a name
 * with " for " in it cannot be created from chat.
 */
function createTestUser(rest: string | undefined): Command {
  const split = rest === undefined ? undefined : /^(?:(.*?)\s+)?(?:for|in)\s+(.+)$/i.exec(rest);
  const app = split ? readApp(split[2] as string) : undefined;
  const nameText = app ? split?.[1] : rest;
  const name = (nameText ?? 'B.Simon').trim().replace(/^["'](.*)["']$/, '$1');

  // Entra mail nicknames allow letters, digits and . - _ ; spaces are allowed in display names.
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,63}$/u.test(name)) {
    const input = { text: `create test user ${name}`, mentions: [] };
    return unknown(input, 'create test user [<name>] [for <app>]', `"${name}" is not a valid user name. Use letters, digits, dots and hyphens.`);
  }
  return app ? { type: 'create-test-user', name, app } : { type: 'create-test-user', name };
}

type AppCommandType = 'status' | 'who-has' | 'certificate' | 'checklist' | 'rotate-certificate';

function withApp(type: AppCommandType, appText: string | undefined, input: NormalizedText): Command {
  if (appText === undefined) {
    return { type };
  }
  const app = readApp(appText);
  if (!app) {
    const usage = suggestCommand(type.replace('-', ' '));
    return unknown(input, usage, unsupportedApp(withMentionNames(appText, input.mentions)));
  }
  return { type, app };
}

function cancelCommand(idText: string | undefined, input: NormalizedText): Command {
  const requestId = idText === undefined ? undefined : parseRequestId(idText);
  if (!requestId) {
    const problem = idText === undefined
      ? 'Which request? Give its id, for example cancel CR-7F3K.'
      : `"${idText}" is not a request id. Request ids look like CR-7F3K.`;
    return unknown(input, 'cancel <request id>', problem);
  }
  return { type: 'cancel', requestId };
}

/**
 * Parses "assign <users> [to <app>]" and "unassign <users> [from <app>]".
 * A " to " / " from " followed by an app name separates the app, and
 * "assign <app> to <users>" is read the other way round.
 */
function assignment(
  type: 'assign' | 'unassign',
  rest: string,
  separator: string,
  input: NormalizedText,
): Command {
  const usage = type === 'assign' ? 'assign <user>[, <user>] [to <app>]' : 'unassign <user>[, <user>] [from <app>]';
  const split = splitOffApp(rest, separator);
  if (split === 'unsupported') {
    const at = rest.toLowerCase().lastIndexOf(separator);
    return unknown(input, usage, unsupportedApp(withMentionNames(rest.slice(at + separator.length), input.mentions)));
  }
  const { usersText, app } = split;

  const users: UserRef[] | undefined = parseUsers(usersText, input.mentions);
  if (!users) {
    return unknown(input, usage, 'Name the people by @mention, user principal name or display name, separated by commas.');
  }
  return app ? { type, users, app } : { type, users };
}

/**
 * Finds the separator that splits the text into people and an app. Every
 * occurrence is tried for a GoTo product, in both orders, because GoTo names
 * may contain the separator ("go to meeting"). Any other app name is the
 * text after the first separator, unless that text contains a mention or an
 * address and the text before it can be an app name: "assign AWS to @Adele".
 */
function splitOffApp(
  rest: string,
  separator: string,
): { usersText: string; app?: AppRef } | 'unsupported' {
  const lower = rest.toLowerCase();
  const positions: number[] = [];
  for (let at = lower.indexOf(separator); at >= 0; at = lower.indexOf(separator, at + 1)) {
    positions.push(at);
  }
  if (positions.length === 0) {
    return { usersText: rest };
  }

  for (const at of positions) {
    const app = parseApp(rest.slice(at + separator.length));
    if (app) {
      return { usersText: rest.slice(0, at), app };
    }
  }
  for (const at of positions) {
    const app = parseApp(rest.slice(0, at));
    if (app) {
      return { usersText: rest.slice(at + separator.length), app };
    }
  }
  return splitOffNamedApp(rest, positions[0] as number, separator);
}

function splitOffNamedApp(rest: string, at: number, separator: string): { usersText: string; app: AppRef } | 'unsupported' {
  const before = rest.slice(0, at);
  const after = rest.slice(at + separator.length);
  const afterNamesPeople = /[@\uE000]/.test(after);
  const reversed = afterNamesPeople ? readApp(before) : undefined;
  if (reversed) {
    return { usersText: after, app: reversed };
  }
  const app = readApp(after);
  return app ? { usersText: before, app } : 'unsupported';
}
