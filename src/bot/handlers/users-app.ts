import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { AppRef } from '../../commands/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import { getProfile, goToMeetingProfile, type AppProfile } from '../../sso/index.js';

/**
 * Returns the profile a user command is about. Every app the parser
 * recognises signs in through the GoToMeeting gallery app, which is also the
 * only configured profile for user commands, so a command without an app
 * means GoToMeeting.
 */
export function profileFor(app: AppRef | undefined): AppProfile {
  return (app === undefined ? undefined : getProfile(app.appKey)) ?? goToMeetingProfile;
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
