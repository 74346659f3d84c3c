import type { Client } from '@microsoft/microsoft-graph-client';
import type { Application, ApplicationServicePrincipal, ApplicationTemplate, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { onTestFinished } from 'vitest';
import { startTenantEmulator, type StartOptions, type TenantEmulator } from '../../src/tenant-emulator/index.js';
import { graphClient } from './graph-client.js';

export const GOTOMEETING_IDENTIFIER = 'https://authentication.logmeininc.com/saml/sp';
export const GOTOMEETING_REPLY_URL = 'https://authentication.logmeininc.com/saml/acs';

/** Starts an emulator on a free port for one test and closes it afterwards. */
export async function startForTest(options: StartOptions = {}): Promise<{ emulator: TenantEmulator; client: Client }> {
  const emulator = await startTenantEmulator({ port: 0, ...options });
  onTestFinished(() => emulator.close());
  return { emulator, client: graphClient(emulator.url) };
}

export async function findTemplate(client: Client, displayName: string): Promise<ApplicationTemplate> {
  const escaped = displayName.replace(/'/g, "''");
  const result = (await client.api('/applicationTemplates').filter(`displayName eq '${escaped}'`).get()) as { value: ApplicationTemplate[] };
  const template = result.value[0];
  if (template === undefined) {
    throw new Error(`gallery template ${displayName} not found`);
  }
  return template;
}

export interface InstantiatedApp {
  application: Application;
  servicePrincipal: ServicePrincipal;
}

export async function instantiate(client: Client, displayName = 'GoToMeeting'): Promise<InstantiatedApp> {
  const template = await findTemplate(client, displayName);
  const result = (await client.api(`/applicationTemplates/${template.id}/instantiate`).post({ displayName })) as ApplicationServicePrincipal;
  if (result.application == null || result.servicePrincipal == null) {
    throw new Error('instantiate returned no application or service principal');
  }
  return { application: result.application, servicePrincipal: result.servicePrincipal };
}

/** Instantiates GoToMeeting and switches its service principal to SAML. */
export async function instantiateSaml(client: Client): Promise<InstantiatedApp> {
  const created = await instantiate(client);
  await client.api(`/servicePrincipals/${created.servicePrincipal.id}`).patch({ preferredSingleSignOnMode: 'saml' });
  return created;
}
