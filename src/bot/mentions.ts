import type { Entity } from 'botbuilder';

/**
 * Drops mention entities whose fields have the wrong types and keeps every
 * other entity. botbuilder's mention helpers and the command parser read
 * `mentioned.id` and `text` as strings, and the ids become the people a
 * command acts on, so a malformed mention must not reach them.
 */
export function withWellFormedMentions(entities: Entity[] | undefined): Entity[] | undefined {
  return entities?.filter((entity) => entity?.type !== 'mention' || isWellFormedMention(entity));
}

function isWellFormedMention(entity: Record<string, unknown>): boolean {
  const mentioned = entity.mentioned as Record<string, unknown> | null | undefined;
  if (typeof mentioned !== 'object' || mentioned === null) {
    return false;
  }
  return (
    typeof mentioned.id === 'string' &&
    mentioned.id !== '' &&
    optionalString(mentioned.name) &&
    optionalString(mentioned.aadObjectId) &&
    optionalString(entity.text)
  );
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
