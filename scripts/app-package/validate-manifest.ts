import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

const require = createRequire(import.meta.url);
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v1\.\d+)\/MicrosoftTeams\.schema\.json$/;

/**
 * Validates a manifest against the JSON schema of its `$schema` version, read
 * from the copy that @microsoft/app-manifest bundles, so no network is used.
 * Returns the schema errors, or an empty list.
 */
export async function validateManifest(manifest: { $schema?: unknown }): Promise<string[]> {
  const version = typeof manifest.$schema === 'string' ? SCHEMA_URL.exec(manifest.$schema)?.[1] : undefined;
  if (!version) {
    return [`$schema must be a Teams manifest schema URL, for example ${exampleSchemaUrl()}.`];
  }

  const packageDirectory = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaPath = join(packageDirectory, 'build', 'json-schemas', 'teams', version, 'MicrosoftTeams.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
}

function exampleSchemaUrl(): string {
  return 'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';
}
