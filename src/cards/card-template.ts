import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';

/** The Adaptive Card JSON object that goes into an attachment's `content`. */
export type AdaptiveCardJson = Record<string, unknown>;

// Templates live in the top-level `cards/` folder. This module sits at
// `src/cards/` when run from source and at `dist/cards/` after `tsc`, so the
// same relative URL reaches `cards/` from both.
const TEMPLATE_DIRECTORY = new URL('../../cards/', import.meta.url);

const cache = new Map<string, unknown>();

function loadTemplate(name: string): unknown {
  let json = cache.get(name);
  if (json === undefined) {
    json = JSON.parse(readFileSync(new URL(`${name}.json`, TEMPLATE_DIRECTORY), 'utf8')) as unknown;
    cache.set(name, json);
  }
  return json;
}

/**
 * Binds the template `cards/{name}.json` to `view` with adaptivecards-templating.
 * Every field the template names must be defined on `view` (use '' and false
 * for absent values), or the `${…}` expression stays in the output.
 */
export function expandTemplate(name: string, view: object): AdaptiveCardJson {
  const template = new Template(loadTemplate(name));
  return template.expand({ $root: view }) as AdaptiveCardJson;
}
