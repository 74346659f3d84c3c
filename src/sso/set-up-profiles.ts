import type { Application } from '@microsoft/microsoft-graph-types';
import { filterAnyEquals, queryString, type DirectoryGateway } from '../directory/index.js';
import type { AppProfile } from './profiles/index.js';

/**
 * Returns the profiles whose app is set up in the tenant: an application
 * carries the profile's identifier. One `$batch` reads every profile, so
 * the cost does not grow with the number of profiles up to Graph's 20
 * requests per batch. Throws the `DirectoryError` of a failed read.
 */
export async function readSetUpProfiles(gateway: DirectoryGateway, profiles: readonly AppProfile[]): Promise<AppProfile[]> {
  const results = await gateway.batch<{ value?: Application[] }>(
    profiles.map((profile, index) => ({
      id: String(index),
      url: `/applications${queryString({ $filter: filterAnyEquals('identifierUris', profile.identifierUri), $select: 'id,identifierUris' })}`,
    })),
  );

  const setUp = new Set<string>();
  for (const result of results) {
    if (result.error) throw result.error;
    if ((result.body?.value ?? []).length > 0) setUp.add(result.id);
  }
  return profiles.filter((_, index) => setUp.has(String(index)));
}
