import type { AppRef, ProductKey } from './command.js';

/** Display names of the products, as Entra and GoTo spell them. */
export const productNames: Record<ProductKey, string> = {
  gotomeeting: 'GoToMeeting',
  gototraining: 'GoToTraining',
  gotowebinar: 'GoToWebinar',
  gotoassist: 'GoToAssist',
};

const productKeys = Object.keys(productNames) as ProductKey[];

/**
 * Recognises an app name, tolerating case, spaces, hyphens and a trailing
 * "app": "GoTo Meeting", "go-to-webinar", "gotoassist app". Returns undefined
 * for anything else.
 */
export function parseApp(text: string): AppRef | undefined {
  const compact = bareAppName(text)
    .toLowerCase()
    .replace(/[\s\-_.]+/g, '');

  const product = productKeys.find((key) => key === compact);
  return product ? { appKey: 'gotomeeting', product } : undefined;
}

/** The maximum length of an app name kept as written; longer text is not read as an app. */
export const MAX_APP_NAME_LENGTH = 80;

/**
 * Reads the app a command names: a GoTo product as `parseApp` returns it,
 * else `{ name }` with the text as written, for the bot to match against the
 * app profiles. Returns undefined for text that cannot be an app name: empty,
 * too long, or containing a mention or an address.
 */
export function readApp(text: string): AppRef | undefined {
  const goTo = parseApp(text);
  if (goTo) {
    return goTo;
  }

  const name = bareAppName(text).replace(/^["'\u201c\u2018](.*)["'\u201d\u2019]$/, '$1').trim();
  const looksLikeApp = name !== '' && name.length <= MAX_APP_NAME_LENGTH && !/[@<>\uE000\uE001]/.test(name);
  return looksLikeApp ? { name } : undefined;
}

function bareAppName(text: string): string {
  return text
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/\s+(?:app|application)$/i, '');
}

/** The GoTo products the parser recognises by itself; the bot lists every supported app. */
export const supportedAppsSentence = `Supported apps: ${Object.values(productNames).join(', ')}.`;
