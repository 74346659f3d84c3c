import type { AppRoleAssignment, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { ADELE_VANCE_ID, BRIAN_SIMON_ID, SALES_GROUP_ID } from '../../src/tenant-emulator/index.js';
import { graphError } from './graph-client.js';
import { instantiateSaml, startForTest } from './emulator-fixture.js';

const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

function roleId(servicePrincipal: ServicePrincipal, displayName: string): string {
  const role = servicePrincipal.appRoles?.find((candidate) => candidate.displayName === displayName);
  return role?.id as string;
}

describe('appRoleAssignedTo', () => {
  it('assigns a user to the User role and lists the assignment', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const path = `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`;

    const assignment = (await client
      .api(path)
      .post({ principalId: BRIAN_SIMON_ID, resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') })) as AppRoleAssignment;
    const listed = (await client.api(path).get()) as { value: AppRoleAssignment[] };

    expect(assignment).toMatchObject({
      principalId: BRIAN_SIMON_ID,
      principalDisplayName: 'Brian Simon',
      principalType: 'User',
      resourceId: servicePrincipal.id,
      resourceDisplayName: 'GoToMeeting',
    });
    expect(Number.isNaN(Date.parse(assignment.createdDateTime as string))).toBe(false);
    expect(listed.value.map((entry) => entry.id)).toEqual([assignment.id]);
  });

  it('assigns a group', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const assignment = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`)
      .post({ principalId: SALES_GROUP_ID, resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') })) as AppRoleAssignment;

    expect(assignment.principalType).toBe('Group');
  });

  it('rejects a repeated assignment', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const body = { principalId: BRIAN_SIMON_ID, resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') };
    await client.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`).post(body);

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`).post(body));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
    expect(error.message).toBe('Permission being assigned already exists on the object.');
  });

  it.each([
    ['a role the service principal lacks', (sp: ServicePrincipal) => ({ appRoleId: '11111111-1111-1111-1111-111111111111', resourceId: sp.id })],
    ['the default-access id while roles exist', (sp: ServicePrincipal) => ({ appRoleId: DEFAULT_ACCESS, resourceId: sp.id })],
  ])('rejects %s', async (_case, build) => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(
      client.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`).post({ principalId: BRIAN_SIMON_ID, ...build(servicePrincipal) }),
    );

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
  });

  it('rejects a resourceId other than the service principal', async () => {
    const { client } = await startForTest();
    const { application, servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(
      client
        .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`)
        .post({ principalId: BRIAN_SIMON_ID, resourceId: application.id, appRoleId: roleId(servicePrincipal, 'User') }),
    );

    expect(error.message).toBe('Not a valid reference update.');
  });

  it('404s a principal that does not exist', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(
      client
        .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`)
        .post({ principalId: '22222222-2222-2222-2222-222222222222', resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') }),
    );

    expect(error.statusCode).toBe(404);
  });

  it('deletes an assignment', async () => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const path = `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`;
    const assignment = (await client
      .api(path)
      .post({ principalId: ADELE_VANCE_ID, resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') })) as AppRoleAssignment;

    await client.api(`${path}/${assignment.id}`).delete();
    const error = await graphError(client.api(`${path}/${assignment.id}`).delete());

    expect(emulator.state.assignments.size).toBe(0);
    expect(error.statusCode).toBe(404);
  });

  it('pages assignments with $top', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const path = `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`;
    for (const principalId of [ADELE_VANCE_ID, BRIAN_SIMON_ID, SALES_GROUP_ID]) {
      await client.api(path).post({ principalId, resourceId: servicePrincipal.id, appRoleId: roleId(servicePrincipal, 'User') });
    }

    const first = (await client.api(path).top(2).get()) as { value: AppRoleAssignment[]; '@odata.nextLink'?: string };

    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
  });
});
