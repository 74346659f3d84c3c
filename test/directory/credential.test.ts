import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, WorkloadIdentityCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { createCredential, createGraphClient, isLoopbackEndpoint, type CredentialSettings } from '../../src/directory/index.js';

const base: CredentialSettings = { endpoint: 'https://graph.microsoft.com', authorityHost: 'https://login.microsoftonline.us', credential: 'managed-identity' };

describe('createCredential', () => {
  it.each([
    ['system-assigned managed identity', { ...base }, ManagedIdentityCredential],
    ['user-assigned managed identity', { ...base, clientId: '00000000-0000-0000-0000-000000000001' }, ManagedIdentityCredential],
    ['client secret', { ...base, credential: 'client-secret', tenantId: 't', clientId: 'c', clientSecret: 's' }, ClientSecretCredential],
    ['client certificate', { ...base, credential: 'client-certificate', tenantId: 't', clientId: 'c', clientCertificatePath: '/tmp/none.pem' }, ClientCertificateCredential],
    ['workload identity', { ...base, credential: 'workload-identity', tenantId: 't', clientId: 'c', federatedTokenFile: '/tmp/token' }, WorkloadIdentityCredential],
  ] as const)('builds a %s credential', (_name, settings, type) => {
    expect(createCredential(settings as CredentialSettings)).toBeInstanceOf(type);
  });

  it('rejects a client secret without a tenant id', () => {
    expect(() => createCredential({ ...base, credential: 'client-secret', clientId: 'c', clientSecret: 's' })).toThrow(/AZURE_TENANT_ID/);
  });

  it('allows no credential only on loopback', () => {
    expect(createCredential({ ...base, credential: 'none', endpoint: 'http://127.0.0.1:4000' })).toBeUndefined();
    expect(() => createCredential({ ...base, credential: 'none' })).toThrow(expect.objectContaining({ code: 'credential_configuration' }));
  });

  it('refuses a client without credential for a real endpoint', () => {
    expect(() => createGraphClient({ endpoint: 'https://graph.microsoft.com', authorityHost: base.authorityHost, credential: undefined })).toThrow(/credential is required/);
  });
});

describe('isLoopbackEndpoint', () => {
  it.each([
    ['http://127.0.0.1:3000', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['https://graph.microsoft.com', false],
    ['http://127.example.com', false],
  ])('classifies %s as %s', (endpoint, expected) => {
    expect(isLoopbackEndpoint(endpoint)).toBe(expected);
  });
});
