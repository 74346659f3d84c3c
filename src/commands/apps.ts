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
  const compact = text
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+(?:app|application)$/, '')
    .replace(/[\s\-_.]+/g, '');

  const product = productKeys.find((key) => key === compact);
  return product ? { appKey: 'gotomeeting', product } : undefined;
}

export const supportedAppsSentence = `Supported apps: ${Object.values(productNames).join(', ')}.`;
