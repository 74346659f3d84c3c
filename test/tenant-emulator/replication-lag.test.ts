import type { AppRoleAssignment, ServicePrincipal, User } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { graphError } from './graph-client.js';
import { instantiate, startForTest } from './emulator-fixture.js';

const NEW_USER = {
  accountEnabled: true,
  displayName: 'B.Simon',
  mailNickname: 'B.Simon',
  userPrincipalName: 'B.Simon@contoso.example',
  passwordProfile: { password: 'Correct-Horse-7' },
};

describe('replication lag', () => {
  it('returns 404 for a new service principal while it lags', async () => {
    const { client } = await startForTest({ replicationLag: { calls: 2 } });
    const { servicePrincipal } = await instantiate(client);
    const read = () => client.api(`/servicePrincipals/${servicePrincipal.id}`).get() as Promise<ServicePrincipal>;

    const first = await graphError(read());
    const second = await graphError(read());
    const third = await read();

    expect(first.code).toBe('Request_ResourceNotFound');
    expect(first.message).toContain(servicePrincipal.id as string);
    expect(second.statusCode).toBe(404);
    expect(third.id).toBe(servicePrincipal.id);
  });

  it('rejects a PATCH of a new application while it lags', async () => {
    const { client } = await startForTest({ replicationLag: { calls: 1 } });
    const { application } = await instantiate(client);

    const error = await graphError(client.api(`/applications/${application.id}`).patch({ displayName: 'GoToMeeting' }));
    await client.api(`/applications/${application.id}`).patch({ displayName: 'GoToMeeting' });

    expect(error.statusCode).toBe(404);
  });

  it('answers 404 for a time span', async () => {
    const { client } = await startForTest({ replicationLag: { ms: 1000 } });
    const { application } = await instantiate(client);

    const early = await graphError(client.api(`/applications/${application.id}`).get());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const late = await client.api(`/applications/${application.id}`).get();

    expect(early.statusCode).toBe(404);
    expect(late).toMatchObject({ id: application.id });
  });

  it('leaves a new user out of list queries while it lags', async () => {
    const { client } = await startForTest({ replicationLag: { calls: 1 } });
    const user = (await client.api('/users').post(NEW_USER)) as User;

    const first = (await client.api('/users').filter("userPrincipalName eq 'B.Simon@contoso.example'").get()) as { value: User[] };
    const second = (await client.api('/users').filter("userPrincipalName eq 'B.Simon@contoso.example'").get()) as { value: User[] };

    expect(first.value).toEqual([]);
    expect(second.value.map((entry) => entry.id)).toEqual([user.id]);
  });

  it('rejects assigning a principal that has not replicated', async () => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiate(client);
    emulator.setReplicationLag({ calls: 1 });
    const user = (await client.api('/users').post(NEW_USER)) as User;
    const body = { principalId: user.id, resourceId: servicePrincipal.id, appRoleId: servicePrincipal.appRoles?.[0]?.id };

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`).post(body));
    const assignment = (await client.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`).post(body)) as AppRoleAssignment;

    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('Not a valid reference update.');
    expect(assignment.principalId).toBe(user.id);
  });

  it('leaves a new assignment out of the list while it lags', async () => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiate(client);
    const path = `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`;
    emulator.setReplicationLag({ calls: 1 });
    const assignment = (await client
      .api(path)
      .post({ principalId: '00000000-0000-0000-0000-0000000000022', resourceId: servicePrincipal.id, appRoleId: servicePrincipal.appRoles?.[0]?.id })) as AppRoleAssignment;

    const first = (await client.api(path).get()) as { value: AppRoleAssignment[] };
    const second = (await client.api(path).get()) as { value: AppRoleAssignment[] };

    expect(first.value).toEqual([]);
    expect(second.value.map((entry) => entry.id)).toEqual([assignment.id]);
  });

  it('leaves seeded objects readable', async () => {
    const { client, emulator } = await startForTest({ replicationLag: { calls: 5 } });

    const alex = (await client.api('/users/alexw@example.com').get()) as User;

    expect(alex.displayName).toBe('Alex Wilber');
    expect(emulator.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
  });
});
