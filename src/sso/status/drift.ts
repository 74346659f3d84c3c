import type { Application, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { AppProfile } from '../profiles/index.js';
import type { ActiveCertificate } from './active-certificate.js';

export type DriftProperty = 'mode' | 'identifier' | 'replyUrl' | 'relayState' | 'signOnUrl' | 'certificate';

/** One property that differs from the profile. */
export interface DriftItem {
  property: DriftProperty;
  expected: string;
  actual: string;
  /** A sentence for the status card. */
  message: string;
}

const notSet = 'not set';

function item(property: DriftProperty, label: string, expected: string, actual: string): DriftItem {
  return { property, expected, actual, message: `${label} is ${actual}; the profile expects ${expected}.` };
}

function relayStateDrift(profile: AppProfile, relayState: string | undefined): DriftItem | undefined {
  const allowed = profile.relayStates.map((choice) => choice.url);
  if (allowed.length === 0 || (relayState !== undefined && allowed.includes(relayState))) return undefined;
  const expected = allowed.length === 1 ? allowed[0]! : `one of ${allowed.join(', ')}`;
  return item('relayState', 'RelayState', expected, relayState ?? notSet);
}

function certificateDrift(certificate: ActiveCertificate | undefined): DriftItem | undefined {
  if (certificate === undefined) return item('certificate', 'The active signing certificate', 'a valid certificate', notSet);
  if (certificate.notAfter === undefined) {
    return item('certificate', 'The active signing certificate', 'a valid certificate', `${certificate.thumbprint}, which is not among the app's certificates`);
  }
  if (certificate.daysLeft !== undefined && certificate.daysLeft < 0) {
    return item('certificate', 'The active signing certificate', 'a valid certificate', `expired since ${certificate.notAfter}`);
  }
  return undefined;
}

/** Lists every property of a configured app that differs from the profile, in the order the status card shows them. */
export function findDrift(profile: AppProfile, application: Application, servicePrincipal: ServicePrincipal, certificate: ActiveCertificate | undefined): DriftItem[] {
  const drift: Array<DriftItem | undefined> = [];
  const mode = servicePrincipal.preferredSingleSignOnMode ?? undefined;
  if (mode !== 'saml') drift.push(item('mode', 'The single sign-on mode', 'saml', mode ?? notSet));

  const identifiers = application.identifierUris ?? [];
  if (!identifiers.includes(profile.identifierUri)) {
    drift.push(item('identifier', 'The Identifier (Entity ID)', profile.identifierUri, identifiers.join(', ') || notSet));
  }
  const replyUrls = application.web?.redirectUris ?? [];
  if (replyUrls.length !== 1 || replyUrls[0] !== profile.replyUrl) {
    drift.push(item('replyUrl', 'The Reply URL', profile.replyUrl, replyUrls.join(', ') || notSet));
  }

  drift.push(relayStateDrift(profile, servicePrincipal.samlSingleSignOnSettings?.relayState ?? undefined));
  const signOnUrl = servicePrincipal.loginUrl ?? null;
  if (signOnUrl !== profile.signOnUrl) drift.push(item('signOnUrl', 'The Sign on URL', profile.signOnUrl ?? notSet, signOnUrl ?? notSet));
  drift.push(certificateDrift(certificate));
  return drift.filter((entry): entry is DriftItem => entry !== undefined);
}
