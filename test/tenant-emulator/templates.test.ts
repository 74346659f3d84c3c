import type { ApplicationTemplate } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { startTenantEmulator } from '../../src/tenant-emulator/index.js';
import { errorDetails, graphClient, graphError } from './graph-client.js';
import { findTemplate, instantiate, startForTest } from './emulator-fixture.js';

type TemplateList = { value: ApplicationTemplate[] };

describe('applicationTemplates', () => {
  it('finds GoToMeeting by exact display name with SAML among its modes', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/applicationTemplates').filter("displayName eq 'GoToMeeting'").get()) as TemplateList;

    expect(result.value).toHaveLength(1);
    expect(result.value[0]?.displayName).toBe('GoToMeeting');
    expect(result.value[0]?.supportedSingleSignOnModes).toContain('saml');
  });

  it('matches several apps with contains', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/applicationTemplates').filter("contains(displayName,'GoTo')").get()) as TemplateList;

    expect(result.value.map((template) => template.displayName).sort()).toEqual(['GoTo', 'GoToMeeting']);
  });

  it('compares display names without regard to case', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/applicationTemplates').filter("displayName eq 'gotomeeting'").get()) as TemplateList;

    expect(result.value).toHaveLength(1);
  });

  it('generates new template ids at every start', async () => {
    const first = await startTenantEmulator({ port: 0 });
    const second = await startTenantEmulator({ port: 0 });
    try {
      const firstId = (await findTemplate(graphClient(first.url), 'GoToMeeting')).id;
      const secondId = (await findTemplate(graphClient(second.url), 'GoToMeeting')).id;
      expect(firstId).not.toBe(secondId);
      expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('reads one template by id and 404s an unknown id', async () => {
    const { client } = await startForTest();
    const template = await findTemplate(client, 'AWS Single-Account Access');

    const read = (await client.api(`/applicationTemplates/${template.id}`).get()) as ApplicationTemplate;
    const error = await graphError(client.api('/applicationTemplates/8adf8e6e-0000-0000-0000-000000000000').get());

    expect(read.displayName).toBe('AWS Single-Account Access');
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
  });

  it('rejects a filter on an unsupported property', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/applicationTemplates').filter("publisher eq 'Amazon'").get());

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_UnsupportedQuery');
  });

  it('rejects startswith on displayName', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/applicationTemplates').filter("startswith(displayName,'GoTo')").get());

    expect(error.code).toBe('Request_UnsupportedQuery');
  });
});

describe('instantiate', () => {
  it('returns the application and the service principal of a gallery SAML app', async () => {
    const { client } = await startForTest();

    const { application, servicePrincipal } = await instantiate(client);

    expect(application.appId).toBe(servicePrincipal.appId);
    expect(application.identifierUris).toEqual([]);
    expect(application.web?.redirectUris).toEqual([]);
    expect(servicePrincipal.appRoleAssignmentRequired).toBe(true);
    expect(servicePrincipal.preferredSingleSignOnMode).toBeNull();
    expect(servicePrincipal.replyUrls).toEqual([]);
    expect(servicePrincipal.servicePrincipalNames).toEqual([application.appId]);
  });

  it('shares random User and msiam_access role ids across both objects', async () => {
    const { client } = await startForTest();

    const first = await instantiate(client);
    const second = await instantiate(client);

    const names = first.servicePrincipal.appRoles?.map((role) => role.displayName);
    expect(names).toEqual(['User', 'msiam_access']);
    expect(first.application.appRoles?.map((role) => role.id)).toEqual(first.servicePrincipal.appRoles?.map((role) => role.id));
    expect(first.servicePrincipal.appRoles?.[0]?.id).not.toBe(second.servicePrincipal.appRoles?.[0]?.id);
    expect(first.servicePrincipal.appRoles?.every((role) => role.value === null && role.allowedMemberTypes?.includes('User'))).toBe(true);
  });

  it('stores both objects in the tenant', async () => {
    const { client, emulator } = await startForTest();

    const { application, servicePrincipal } = await instantiate(client);

    expect(emulator.state.applications.get(application.id as string)?.displayName).toBe('GoToMeeting');
    expect(emulator.state.servicePrincipals.get(servicePrincipal.id as string)?.appId).toBe(application.appId);
  });

  it('requires a display name', async () => {
    const { client } = await startForTest();
    const template = await findTemplate(client, 'GoToMeeting');

    const error = await graphError(client.api(`/applicationTemplates/${template.id}/instantiate`).post({}));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
    expect(errorDetails(error)).toEqual([]);
  });
});
