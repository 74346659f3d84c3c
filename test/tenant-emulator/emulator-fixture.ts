import { Client } from '@microsoft/microsoft-graph-client';
import type { Application, ApplicationServicePrincipal, ApplicationTemplate, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { onTestFinished } from 'vitest';
import { generateSelfSignedCertificate } from '../../src/tenant-emulator/certificate-generator.js';
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

function pemCertificate(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Starts an HTTPS emulator with a fresh self-signed certificate. Node checks
 * NODE_TLS_REJECT_UNAUTHORIZED per connection, so the test trusts the
 * certificate by clearing it and restores the old value afterwards.
 */
export async function startHttpsForTest(): Promise<TenantEmulator> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tls = await generateSelfSignedCertificate('CN=127.0.0.1', now, new Date(now.getTime() + 24 * 3600 * 1000));
  const emulator = await startTenantEmulator({ port: 0, https: { key: tls.privateKeyPem, cert: pemCertificate(tls.der) } });
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  onTestFinished(async () => {
    if (previous === undefined) {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    } else {
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
    await emulator.close();
  });
  return emulator;
}

/** Builds an unsigned JWT whose `roles` claim lists application permissions. */
export function tokenWithRoles(roles: string[]): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ aud: 'https://graph.microsoft.com', roles })}.`;
}

/** Creates a Graph client that sends the given bearer token to the HTTPS emulator. */
export function bearerClient(emulator: TenantEmulator, token: string): Client {
  return Client.init({ authProvider: (done) => done(null, token), baseUrl: `${emulator.url}/`, customHosts: new Set(['127.0.0.1']) });
}
