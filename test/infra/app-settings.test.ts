import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

// Bicep cannot be compiled in CI, so this test reads the app settings block of
// the web app template as text and checks that the bot's configuration loader
// accepts exactly those settings, with plausible values for the expressions.
const template = readFileSync(fileURLToPath(new URL('../../infra/modules/web-app.bicep', import.meta.url)), 'utf8');

function appSettingsBlock(): Record<string, string> {
  const start = template.indexOf("name: 'appsettings'");
  const body = template.slice(template.indexOf('properties: {', start) + 'properties: {'.length);
  const block = body.slice(0, body.indexOf('\n  }'));
  const settings: Record<string, string> = {};
  for (const match of block.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*): (.+)$/gm)) {
    settings[match[1]!] = match[2]!.trim();
  }
  return settings;
}

// Values a deployment produces for each Bicep expression in the block.
const deployedValues: Record<string, string> = {
  identityClientId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  'azure-blob://${stateContainerName}': 'azure-blob://bot-state',
  storageBlobEndpoint: 'https://ssobotabc.blob.core.windows.net/',
  "join(approverIds, ',')": '11111111-2222-4333-8444-555555555555,66666666-7777-4888-9999-aaaaaaaaaaaa',
  approverGroupId: '',
  'https://${site.properties.defaultHostName}': 'https://ssobot-abc.azurewebsites.net',
  linkSigningKey: 'x'.repeat(44),
};

function deployedEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, expression] of Object.entries(appSettingsBlock())) {
    const plainString = /^'([^$']*)'$/.exec(expression);
    const value = plainString ? plainString[1] : deployedValues[expression.replace(/^'(.*)'$/, '$1')];
    if (value === undefined) throw new Error(`No test value for the Bicep expression ${expression} of ${name}.`);
    env[name] = value;
  }
  return env;
}

describe('web app settings', () => {
  it('load into a managed-identity configuration', () => {
    const config = loadConfig(deployedEnvironment());

    expect(config.bot).toMatchObject({ appType: 'UserAssignedMSI', appId: deployedValues.identityClientId });
    expect(config.tenantId).toBe(deployedValues.tenantId);
    expect(config.graph.credential).toBe('managed-identity');
    expect(config.graph.clientId).toBe(deployedValues.identityClientId);
    expect(config.stateStore).toMatchObject({
      kind: 'azure-blob',
      container: 'bot-state',
      accountUrl: deployedValues.storageBlobEndpoint,
    });
    expect(config.approvals.approverIds).toHaveLength(2);
    expect(config.publicBaseUrl).toBe('https://ssobot-abc.azurewebsites.net');
  });

  it('contain every setting the bot reads in Azure', () => {
    const names = Object.keys(appSettingsBlock());

    for (const name of [
      'MicrosoftAppType',
      'MicrosoftAppId',
      'MicrosoftAppTenantId',
      'TENANT_ID',
      'GRAPH_CREDENTIAL',
      'AZURE_CLIENT_ID',
      'STATE_STORE',
      'AZURE_STORAGE_ACCOUNT_URL',
      'APPROVER_IDS',
      'APPROVER_GROUP_ID',
      'PUBLIC_BASE_URL',
      'LINK_SIGNING_KEY',
    ]) {
      expect(names).toContain(name);
    }
  });
});
