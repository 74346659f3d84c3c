import type { Application, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { errorDetails, graphError } from './graph-client.js';
import { GOTOMEETING_IDENTIFIER, GOTOMEETING_REPLY_URL, instantiate, instantiateSaml, startForTest } from './emulator-fixture.js';

describe('application identifierUris', () => {
  it('rejects a host outside the verified domains before the SAML switch', async () => {
    const { client } = await startForTest();
    const { application } = await instantiate(client);

    const error = await graphError(client.api(`/applications/${application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] }));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('HostNameNotOnVerifiedDomain');
    expect(error.message).toContain(GOTOMEETING_IDENTIFIER);
  });

  it('accepts the same identifier after the service principal uses SAML', async () => {
    const { client } = await startForTest();
    const { application, servicePrincipal } = await instantiateSaml(client);

    await client.api(`/applications/${application.id}`).patch({
      identifierUris: [GOTOMEETING_IDENTIFIER],
      web: { redirectUris: [GOTOMEETING_REPLY_URL] },
    });

    const app = (await client.api(`/applications/${application.id}`).get()) as Application;
    const sp = (await client.api(`/servicePrincipals/${servicePrincipal.id}`).get()) as ServicePrincipal;
    expect(app.identifierUris).toEqual([GOTOMEETING_IDENTIFIER]);
    expect(app.web?.redirectUris).toEqual([GOTOMEETING_REPLY_URL]);
    expect(sp.replyUrls).toEqual([GOTOMEETING_REPLY_URL]);
    expect(sp.servicePrincipalNames).toEqual([application.appId, GOTOMEETING_IDENTIFIER]);
  });

  it('accepts a verified-domain host without SAML', async () => {
    const { client } = await startForTest();
    const { application } = await instantiate(client);

    await client.api(`/applications/${application.id}`).patch({ identifierUris: ['https://sso.contoso.example/app'] });

    const app = (await client.api(`/applications/${application.id}`).get()) as Application;
    expect(app.identifierUris).toEqual(['https://sso.contoso.example/app']);
  });

  it('accepts the api scheme with the app id without SAML', async () => {
    const { client } = await startForTest();
    const { application } = await instantiate(client);

    await client.api(`/applications/${application.id}`).patch({ identifierUris: [`api://${application.appId}`] });

    const app = (await client.api(`/applications/${application.id}`).get()) as Application;
    expect(app.identifierUris).toEqual([`api://${application.appId}`]);
  });

  it('keeps rejecting while the SAML switch lags', async () => {
    const { client } = await startForTest({ samlModeLag: { calls: 2 } });
    const { application } = await instantiateSaml(client);
    const patch = () => client.api(`/applications/${application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });

    const first = await graphError(patch());
    const second = await graphError(patch());
    await patch();

    expect(first.code).toBe('HostNameNotOnVerifiedDomain');
    expect(second.code).toBe('HostNameNotOnVerifiedDomain');
  });

  it('rejects an identifier that another application uses', async () => {
    const { client } = await startForTest();
    const first = await instantiateSaml(client);
    const second = await instantiateSaml(client);
    await client.api(`/applications/${first.application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });

    const error = await graphError(client.api(`/applications/${second.application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] }));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
    expect(errorDetails(error)).toEqual([expect.objectContaining({ code: 'ObjectConflict', target: 'identifierUris' })]);
  });

  it('allows patching an application with its own identifier again', async () => {
    const { client } = await startForTest();
    const { application } = await instantiateSaml(client);
    await client.api(`/applications/${application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });

    await client.api(`/applications/${application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });

    const app = (await client.api(`/applications/${application.id}`).get()) as Application;
    expect(app.identifierUris).toEqual([GOTOMEETING_IDENTIFIER]);
  });

  it.each([
    ['a trailing slash', `${GOTOMEETING_IDENTIFIER}/`],
    ['no scheme', 'authentication.logmeininc.com/saml/sp'],
  ])('rejects an identifier with %s as an invalid alias', async (_case, uri) => {
    const { client } = await startForTest();
    const { application } = await instantiateSaml(client);

    const error = await graphError(client.api(`/applications/${application.id}`).patch({ identifierUris: [uri] }));

    expect(error.code).toBe('Request_BadRequest');
    expect(error.message).toBe(`Application alias '${uri}' value is invalid.`);
  });

  it('reports an invalid alias before the verified-domain rule', async () => {
    const { client } = await startForTest();
    const { application } = await instantiate(client);

    const error = await graphError(client.api(`/applications/${application.id}`).patch({ identifierUris: [`${GOTOMEETING_IDENTIFIER}/`] }));

    expect(error.code).toBe('Request_BadRequest');
  });

  it('reports the verified-domain rule before a conflict', async () => {
    const { client } = await startForTest();
    const owner = await instantiateSaml(client);
    await client.api(`/applications/${owner.application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });
    const other = await instantiate(client);

    const error = await graphError(client.api(`/applications/${other.application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] }));

    expect(error.code).toBe('HostNameNotOnVerifiedDomain');
  });

  it('finds an application by identifier with any()', async () => {
    const { client } = await startForTest();
    const { application } = await instantiateSaml(client);
    await client.api(`/applications/${application.id}`).patch({ identifierUris: [GOTOMEETING_IDENTIFIER] });

    const found = (await client
      .api('/applications')
      .filter(`identifierUris/any(x:x eq '${GOTOMEETING_IDENTIFIER}')`)
      .select('id,appId,displayName')
      .get()) as { value: Application[] };

    expect(found.value).toEqual([{ id: application.id, appId: application.appId, displayName: 'GoToMeeting' }]);
  });
});
