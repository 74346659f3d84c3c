import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRIAN_SIMON_ID } from '../../src/tenant-emulator/index.js';
import { graphError, rawGraphClient } from './graph-client.js';
import { bearerClient, instantiate, startForTest, startHttpsForTest, tokenWithRoles } from './emulator-fixture.js';

describe('error envelope', () => {
  it('carries a fresh request id, the date and the client request id', async () => {
    const { emulator } = await startForTest();
    // The default client chain drops client-request-id on hosts it does not know as Graph, so this test uses the bare chain.
    const client = rawGraphClient(emulator.url);
    const clientRequestId = webcrypto.randomUUID();

    const first = await graphError(client.api('/users/nobody@contoso.example').header('client-request-id', clientRequestId).get());
    const second = await graphError(client.api('/users/nobody@contoso.example').get());
    const body = JSON.parse(first.body as string) as { innerError: Record<string, string> };

    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.requestId).not.toBe(second.requestId);
    expect(body.innerError['client-request-id']).toBe(clientRequestId);
    expect(body.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(first.headers?.get('request-id')).toBe(first.requestId);
  });

  it('rejects an unknown segment with 400', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/widgets').get());

    expect(error.statusCode).toBe(400);
  });

  it('rejects a body that is not JSON', async () => {
    const { emulator } = await startForTest();

    const response = await fetch(`${emulator.url}/v1.0/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    const body = (await response.json()) as { error: { code: string } };

    expect(response.status).toBe(400);
    expect(body.error.code).toBe('BadRequest');
  });
});

describe('authentication', () => {
  it('accepts requests without a token over plain HTTP', async () => {
    const { emulator } = await startForTest();

    const response = await fetch(`${emulator.url}/v1.0/organization`);

    expect(response.status).toBe(200);
  });

  it('requires a bearer token over HTTPS', async () => {
    const emulator = await startHttpsForTest();

    const organization = (await bearerClient(emulator, 'emulator-test-token').api('/organization').get()) as { value: Array<{ id: string }> };
    const error = await graphError(rawGraphClient(emulator.url).api('/organization').get());

    expect(emulator.url.startsWith('https://')).toBe(true);
    expect(organization.value[0]?.id).toBe(emulator.tenantId);
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe('InvalidAuthenticationToken');
  });
});

describe('permissions', () => {
  it('allows instantiate with Application.ReadWrite.OwnedBy but not the later PATCH', async () => {
    const emulator = await startHttpsForTest();
    const client = bearerClient(emulator, tokenWithRoles(['Application.ReadWrite.OwnedBy']));

    const { servicePrincipal } = await instantiate(client);
    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}`).patch({ preferredSingleSignOnMode: 'saml' }));

    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('Authorization_RequestDenied');
  });

  it('needs Application.Read.All besides AppRoleAssignment.ReadWrite.All to assign', async () => {
    const emulator = await startHttpsForTest();
    const admin = bearerClient(emulator, tokenWithRoles(['Application.ReadWrite.All']));
    const { servicePrincipal } = await instantiate(admin);
    const body = { principalId: BRIAN_SIMON_ID, resourceId: servicePrincipal.id, appRoleId: servicePrincipal.appRoles?.[0]?.id };
    const path = `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`;

    const error = await graphError(bearerClient(emulator, tokenWithRoles(['AppRoleAssignment.ReadWrite.All'])).api(path).post(body));
    await bearerClient(emulator, tokenWithRoles(['AppRoleAssignment.ReadWrite.All', 'Application.Read.All'])).api(path).post(body);

    expect(error.statusCode).toBe(403);
    expect(emulator.state.assignments.size).toBe(1);
  });

  it('checks permissions of inner batch requests', async () => {
    const emulator = await startHttpsForTest();
    const client = bearerClient(emulator, tokenWithRoles(['User.Read.All']));

    const result = (await client.api('/$batch').post({
      requests: [
        { id: '1', method: 'GET', url: '/users/alexw@example.com' },
        { id: '2', method: 'GET', url: '/organization' },
      ],
    })) as { responses: Array<{ id: string; status: number }> };

    const statuses = Object.fromEntries(result.responses.map((response) => [response.id, response.status]));
    expect(statuses).toEqual({ '1': 200, '2': 403 });
  });
});
