import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { withSubmitFallbacks } from './submit-fallback.js';

/** The Adaptive Card JSON object that goes into an attachment's `content`. */
export type AdaptiveCardJson = Record<string, unknown>;

// Templates live in the top-level `cards/` folder. This module sits at
// `src/cards/` when run from source and at `dist/cards/` after `tsc`, so the
// same relative URL reaches `cards/` from both.
const TEMPLATE_DIRECTORY = new URL('../../cards/', import.meta.url);

// Parsed templates by name. `new Template(json)` parses every `${…}`
// expression, which costs several milliseconds for the larger cards, while
// `expand` on a cached Template costs well under one. The Template doc
// comment in adaptivecards-templating 2.3 states that an instance can be
// bound to different data in a loop, and `expand` builds new objects on
// every call.
const templates = new Map<string, Template>();

function loadTemplate(name: string): Template {
  let template = templates.get(name);
  if (template === undefined) {
    const json = JSON.parse(readFileSync(new URL(`${name}.json`, TEMPLATE_DIRECTORY), 'utf8')) as unknown;
    template = new Template(json);
    templates.set(name, template);
  }
  return template;
}

/**
 * Binds the template `cards/{name}.json` to `view` with adaptivecards-templating
 * and gives every `Action.Execute` its `Action.Submit` fallback.
 * Every field the template names must be defined on `view` (use '' and false
 * for absent values), or the `${…}` expression stays in the output.
 */
export function expandTemplate(name: string, view: object): AdaptiveCardJson {
  return withSubmitFallbacks(loadTemplate(name).expand({ $root: view }) as AdaptiveCardJson);
}
