import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { productNames, type AppRef } from '../../commands/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import { findProfileByName, getProfile, goToMeetingProfile, listProfiles, type AppProfile } from '../../sso/index.js';

/**
 * Returns the profile of an app named in a command: by `appKey` when the
 * parser or the app choice set it, else by matching `name`. Returns
 * undefined for a name that matches no profile.
 */
export function findProfileFor(app: AppRef): AppProfile | undefined {
  if (app.appKey !== undefined) return getProfile(app.appKey);
  return app.name === undefined ? undefined : findProfileByName(app.name);
}

/**
 * Returns the profile a command is about. The registered handlers get their
 * command after the app choice, which sets the app or replies in its place,
 * so GoToMeeting is the default only for a handler called without it. Throws
 * for an app that matches no profile, which the app choice never passes on.
 */
export function profileFor(app: AppRef | undefined): AppProfile {
  if (app === undefined) return goToMeetingProfile;
  const profile = findProfileFor(app);
  if (profile === undefined) throw new Error(`No app profile matches ${JSON.stringify(app)}.`);
  return profile;
}

/** Lists the apps the bot can set up, with the GoTo products that share the GoToMeeting app. */
export function supportedAppsSentence(): string {
  const goToProducts = Object.values(productNames).filter((name) => name !== goToMeetingProfile.displayName);
  const names = listProfiles().map((profile) =>
    profile.id === goToMeetingProfile.id ? `${profile.displayName} (also for ${goToProducts.join(', ')})` : profile.displayName,
  );
  return `Supported apps: ${names.join('; ')}.`;
}

/** Returns the sentence for an app name that matches no profile. */
export function unknownAppMessage(name: string): string {
  return `"${name}" is not an app I can set up. ${supportedAppsSentence()}`;
}

/** Returns the sentence for a command without an app in a tenant where no SSO app is set up. */
export function noAppSetUpMessage(): string {
  return `No SSO app is set up in this tenant yet. Type "set up ${goToMeetingProfile.displayName} SSO" to set one up first. ${supportedAppsSentence()}`;
}

/** Finds the app's service principal by the profile's identifier, or `undefined` when the app is not set up. */
export async function findServicePrincipal(gateway: DirectoryGateway, profile: AppProfile): Promise<ServicePrincipal | undefined> {
  const [application] = await gateway.findApplicationsByIdentifierUri(profile.identifierUri);
  if (!application?.appId) return undefined;
  return gateway.findServicePrincipalByAppId(application.appId);
}

/** Returns the sentence for a command about an app that is not set up in the tenant. */
export function notSetUpMessage(profile: AppProfile): string {
  return `${profile.displayName} is not set up in this tenant yet. Type "set up ${profile.displayName} SSO" to set it up first.`;
}
