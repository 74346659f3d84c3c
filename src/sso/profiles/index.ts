import type { AppProfile } from './app-profile.js';
import { awsSingleAccountProfile } from './aws-single-account.js';
import { goToMeetingProfile } from './gotomeeting.js';

export type { AppProfile, RelayStateChoice, VendorChecklistItem } from './app-profile.js';
export { awsSingleAccountProfile, goToMeetingProfile };

const profiles: readonly AppProfile[] = [goToMeetingProfile, awsSingleAccountProfile];

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function listProfiles(): readonly AppProfile[] {
  return profiles;
}

/** Returns the profile with this id, or `undefined`. */
export function getProfile(id: string): AppProfile | undefined {
  return profiles.find((profile) => profile.id === id);
}

/** Finds the profile whose id, display name or alias equals `text`, ignoring case, spaces and punctuation. */
export function findProfileByName(text: string): AppProfile | undefined {
  const normalizedName = normalize(text);
  if (normalizedName === '') return undefined;
  return profiles.find((profile) =>
    [profile.id, profile.displayName, ...profile.aliases, ...profile.galleryNames].some((name) => normalize(name) === normalizedName),
  );
}
