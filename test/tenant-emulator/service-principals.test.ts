import type { Application, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { graphError } from './graph-client.js';
import { instantiate, instantiateSaml, startForTest } from './emulator-fixture.js';

describe('servicePrincipals', () => {
  it('stores the SAML mode and relay state of a PATCH', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiate(client);

    await client.api(`/servicePrincipals/${servicePrincipal.id}`).patch({
      preferredSingleSignOnMode: 'saml',
      samlSingleSignOnSettings: { relayState: 'https://global.gotomeeting.com' },
      notificationEmailAddresses: ['alexw@example.com'],
    });

    const read = (await client.api(`/servicePrincipals/${servicePrincipal.id}`).get()) as ServicePrincipal;
    expect(read.preferredSingleSignOnMode).toBe('saml');
    expect(read.samlSingleSignOnSettings).toEqual({ relayState: 'https://global.gotomeeting.com' });
    expect(read.notificationEmailAddresses).toEqual(['alexw@example.com']);
    expect(read.loginUrl).toBeNull();
  });

  it('finds the service principal by appId', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiate(client);

    const found = (await client.api('/servicePrincipals').filter(`appId eq '${servicePrincipal.appId}'`).select('id,appId').get()) as {
      value: ServicePrincipal[];
    };

    expect(found.value).toEqual([{ id: servicePrincipal.id, appId: servicePrincipal.appId }]);
  });

  it.each([
    ['an unknown SSO mode', { preferredSingleSignOnMode: 'kerberos' }, 'Request_BadRequest'],
    ['a read-only property', { appId: '00000000-0000-0000-0000-000000000001' }, 'Request_BadRequest'],
    ['an undeclared property', { favouriteColour: 'blue' }, 'Request_BadRequest'],
    ['a relay state that is not a URL', { samlSingleSignOnSettings: { relayState: 'global gotomeeting' } }, 'Request_BadRequest'],
    ['password credentials', { passwordCredentials: [] }, 'Request_BadRequest'],
  ])('rejects a PATCH with %s', async (_case, body, code) => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiate(client);

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}`).patch(body));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe(code);
  });

  it('rejects deleting a SAML service principal directly', async () => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}`).delete());

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('DeletingSamlSpNotAllowed');
    expect(emulator.state.servicePrincipals.has(servicePrincipal.id as string)).toBe(true);
  });

  it('deletes the service principal and its assignments with the application', async () => {
    const { client, emulator } = await startForTest();
    const { application, servicePrincipal } = await instantiateSaml(client);
    const roleId = servicePrincipal.appRoles?.[0]?.id;
    await client
      .api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`)
      .post({ principalId: '00000000-0000-0000-0000-0000000000022', resourceId: servicePrincipal.id, appRoleId: roleId });

    await client.api(`/applications/${application.id}`).delete();

    const appError = await graphError(client.api(`/applications/${application.id}`).get());
    const spError = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}`).get());
    expect(appError.statusCode).toBe(404);
    expect(spError.statusCode).toBe(404);
    expect(emulator.state.assignments.size).toBe(0);
  });

  it('addresses a service principal by appId', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiate(client);

    const read = (await client.api(`/servicePrincipals(appId='${servicePrincipal.appId}')`).select('id').get()) as ServicePrincipal;

    expect(read.id).toBe(servicePrincipal.id);
  });

  it('fails removeKey with 500', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}/removeKey`).post({ keyId: servicePrincipal.id, proof: 'x' }));

    expect(error.statusCode).toBe(500);
  });

  it('rejects an unknown property in an application PATCH', async () => {
    const { client } = await startForTest();
    const { application } = await instantiate(client);

    const error = await graphError(client.api(`/applications/${application.id}`).patch({ web: { replyUrls: [] } }));

    expect(error.code).toBe('Request_BadRequest');
    const read = (await client.api(`/applications/${application.id}`).get()) as Application;
    expect(read.web?.redirectUris).toEqual([]);
  });
});
