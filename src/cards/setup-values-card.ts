import type { SetupValues } from '../sso/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { safeText } from './format.js';

export interface SetupValuesView {
  appName: string;
  values: SetupValues;
}

const LABELS: Array<[keyof SetupValues, string]> = [
  ['loginUrl', 'Login URL'],
  ['entraIdentifier', 'Microsoft Entra Identifier'],
  ['logoutUrl', 'Logout URL'],
  ['federationMetadataUrl', 'App Federation Metadata URL'],
  ['userAccessUrl', 'User access URL'],
];

/**
 * Builds the set-up values card. The URLs come from Entra and the bot, not
 * from users, and are bound unescaped so that a copied value stays exact.
 */
export function buildSetupValuesCard(view: SetupValuesView): AdaptiveCardJson {
  return expandTemplate('setup-values', {
    title: `Set up ${safeText(view.appName)}: values for the vendor side`,
    values: LABELS.map(([key, label]) => ({ label, value: view.values[key] })),
  });
}
