import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Organization, User } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { APPROVERS_GROUP_ID, DEMO_TENANT_ID, demoSeed } from '../../src/tenant-emulator/index.js';
import { graphError } from './graph-client.js';
import { startForTest } from './emulator-fixture.js';

/** Reads the mock tenant and users from the Agents Playground's built-in configuration. */
function playgroundMockUsers(): { tenantId: string; users: Array<{ name: string; aadObjectId: string; upn: string }> } {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@microsoft/m365agentsplayground/package.json');
  const bundle = readFileSync(packageJson.replace(/package\.json$/, 'dist/index.js'), 'utf8');
  const tenantId = /tenantId: ([0-9a-f-]+)\\n/.exec(bundle)?.[1] ?? '';
  const pattern = /name: ([^\\]+)\\n\s*userPrincipleName: ([^\\]+)\\n\s*aadObjectId: ([0-9a-f-]+)\\n/g;
  const users = [...bundle.matchAll(pattern)].map((match) => ({ name: match[1] as string, upn: match[2] as string, aadObjectId: match[3] as string }));
  return { tenantId, users };
}

describe('organization and groups', () => {
  it('returns the tenant id, name and verified domains', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/organization').get()) as { value: Organization[] };

    const organization = result.value[0];
    expect(organization?.id).toBe(DEMO_TENANT_ID);
    expect(organization?.displayName).toBe('Contoso (demo)');
    expect(organization?.verifiedDomains?.find((domain) => domain.isDefault)?.name).toBe('contoso.example');
  });

  it('lists the approvers group members', async () => {
    const { client } = await startForTest();

    const members = (await client.api(`/groups/${APPROVERS_GROUP_ID}/members`).select('id,displayName').get()) as { value: User[] };

    expect(members.value.map((member) => member.displayName)).toEqual(['Alex Wilber', 'Megan Bowen']);
  });

  it('404s an unknown group', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/groups/33333333-3333-3333-3333-333333333333/members').get());

    expect(error.statusCode).toBe(404);
  });
});

describe('demo seed', () => {
  it('matches the Agents Playground mock tenant and users', () => {
    const playground = playgroundMockUsers();

    expect(playground.users.length).toBeGreaterThanOrEqual(6);
    expect(demoSeed.tenantId).toBe(playground.tenantId);
    for (const mock of playground.users) {
      const user = demoSeed.users.find((candidate) => candidate.id === mock.aadObjectId);
      expect(user?.displayName, mock.name).toBe(mock.name);
      expect(user?.userPrincipalName, mock.name).toBe(mock.upn);
    }
  });

  it('has at least two approvers', () => {
    const approvers = demoSeed.groups.find((group) => group.id === APPROVERS_GROUP_ID);

    expect(approvers?.memberIds.length).toBeGreaterThanOrEqual(2);
  });
});
