import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

// The package's `lib/` build is ESM with extensionless imports, which Node
// cannot load, so the tests load its self-contained UMD bundle instead.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Element types of Adaptive Cards 1.5 that Teams renders. */
const ELEMENT_TYPES = new Set([
  'TextBlock', 'Image', 'Media', 'RichTextBlock', 'TextRun', 'Container', 'ColumnSet', 'Column', 'FactSet', 'ImageSet',
  'ActionSet', 'Table', 'TableRow', 'TableCell', 'Input.Text', 'Input.Number', 'Input.Date', 'Input.Time',
  'Input.Toggle', 'Input.ChoiceSet',
]);
const ACTION_TYPES = new Set(['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute']);

const REQUIRED_PROPERTIES: Record<string, string[]> = {
  TextBlock: ['text'],
  'Input.Text': ['id'],
  'Input.Toggle': ['id', 'title'],
  'Input.ChoiceSet': ['id', 'choices'],
  ActionSet: ['actions'],
  Container: ['items'],
  ColumnSet: [],
  Column: ['items'],
  FactSet: ['facts'],
  'Action.Execute': ['verb', 'title'],
  'Action.OpenUrl': ['url', 'title'],
  'Action.ToggleVisibility': ['targetElements', 'title'],
};

interface Visit {
  node: Record<string, unknown>;
  parentType: string;
}

function* walk(node: unknown, parentType = 'root'): Generator<Visit> {
  if (Array.isArray(node)) {
    for (const item of node) {
      yield* walk(item, parentType);
    }
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }

  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') {
    yield { node: record, parentType };
  }
  const nextParent = typeof record.type === 'string' ? record.type : parentType;
  for (const [key, value] of Object.entries(record)) {
    // An action's fallback is checked with the action, in executeProblems.
    if (key !== 'data' && key !== 'fallback') {
      yield* walk(value, nextParent);
    }
  }
}

/** Lists the problems the adaptivecards 3.0.6 parser reports for the card under schema 1.5. */
export function parserProblems(card: object): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);

  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(`parse: ${context.getEventAt(index).message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}

/** Lists the structural rules Teams applies that the parser does not check. */
export function structuralProblems(card: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push('the root type is not AdaptiveCard');
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}, expected 1.5`);

  const ids = new Map<string, number>();
  // Card-level `actions` are walked too, so an Action.Execute there is reported.
  for (const { node, parentType } of walk([card.body, card.actions])) {
    problems.push(...nodeProblems(node, parentType));
    if (typeof node.id === 'string') ids.set(node.id, (ids.get(node.id) ?? 0) + 1);
  }
  for (const [id, count] of ids) {
    if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  }

  if (JSON.stringify(card).includes('${')) problems.push('an unbound ${…} expression is left in the card');
  if (JSON.stringify(card).includes('"$when"') || JSON.stringify(card).includes('"$data"')) {
    problems.push('a templating keyword is left in the card');
  }
  return problems;
}

function nodeProblems(node: Record<string, unknown>, parentType: string): string[] {
  const type = node.type as string;
  const problems: string[] = [];
  const isAction = type.startsWith('Action.');

  if (!isAction && !ELEMENT_TYPES.has(type)) problems.push(`element type ${type} is not in Adaptive Cards 1.5`);
  if (isAction && !ACTION_TYPES.has(type)) problems.push(`action type ${type} is not in Adaptive Cards 1.5`);
  if (isAction && parentType !== 'ActionSet') problems.push(`${type} "${String(node.title)}" is not inside an ActionSet`);
  for (const property of REQUIRED_PROPERTIES[type] ?? []) {
    const value = node[property];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      problems.push(`${type} lacks the required property ${property}`);
    }
  }
  if (type === 'Action.Execute') problems.push(...executeProblems(node));
  return problems;
}

function executeProblems(action: Record<string, unknown>): string[] {
  const data = action.data as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object') {
    return [`Action.Execute ${String(action.verb)} has no data`];
  }
  const approvalVerbs = ['request.submit', 'request.approve', 'request.reject', 'request.retry', 'request.rollback'];
  const key = data.requestId ?? data.appProfileId;
  const problems: string[] = [];
  if (typeof key !== 'string' || key === '') problems.push(`Action.Execute ${String(action.verb)} has no requestId or appProfileId`);
  if (approvalVerbs.includes(String(action.verb)) && !data.planHash) problems.push(`Action.Execute ${String(action.verb)} has no planHash`);
  problems.push(...fallbackProblems(action, data));
  return problems;
}

/** Checks that the Action.Submit fallback has the Execute's title and data plus the verb, for clients without Action.Execute. */
function fallbackProblems(action: Record<string, unknown>, data: Record<string, unknown>): string[] {
  const verb = String(action.verb);
  const fallback = action.fallback as Record<string, unknown> | undefined;
  if (!fallback || typeof fallback !== 'object' || fallback.type !== 'Action.Submit') {
    return [`Action.Execute ${verb} has no Action.Submit fallback`];
  }

  const problems: string[] = [];
  if (fallback.title !== action.title) problems.push(`the fallback of Action.Execute ${verb} has the title ${String(fallback.title)}`);
  const expected = JSON.stringify({ ...data, verb });
  if (JSON.stringify(fallback.data) !== expected) {
    problems.push(`the fallback of Action.Execute ${verb} has data ${JSON.stringify(fallback.data)}, expected ${expected}`);
  }
  return problems;
}

/** Lists every problem of a bound card: the parser's and the structural ones. */
export function cardProblems(card: Record<string, unknown>): string[] {
  return [...parserProblems(card), ...structuralProblems(card)];
}

/** Collects the `verb` of every Action.Execute in the card. */
export function verbsOf(card: Record<string, unknown>): string[] {
  return [...walk(card.body)].filter(({ node }) => node.type === 'Action.Execute').map(({ node }) => String(node.verb));
}

/** Finds the Action.Execute with `verb`, or undefined. */
export function actionByVerb(card: Record<string, unknown>, verb: string): Record<string, unknown> | undefined {
  return [...walk(card.body)].find(({ node }) => node.type === 'Action.Execute' && node.verb === verb)?.node;
}

/** Finds the element with `id`, or undefined. */
export function elementById(card: Record<string, unknown>, id: string): Record<string, unknown> | undefined {
  return [...walk(card.body)].find(({ node }) => node.id === id)?.node;
}

/** Joins every text the card shows, for content checks. */
export function textOf(card: Record<string, unknown>): string {
  return [...walk(card.body)]
    .flatMap(({ node }) => [node.text, node.title, node.label, node.value, ...(Array.isArray(node.facts) ? node.facts.flatMap((fact: { title: string; value: string }) => [fact.title, fact.value]) : [])])
    .filter((value): value is string => typeof value === 'string')
    .join('\n');
}
