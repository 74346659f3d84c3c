import { webcrypto } from 'node:crypto';
import { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate } from '../../src/tenant-emulator/certificate-generator.js';
import { startTenantEmulator } from '../../src/tenant-emulator/index.js';
import { graphError, rawGraphClient } from './graph-client.js';
import { startForTest } from './emulator-fixture.js';

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

  it('answers an unknown segment with 400', async () => {
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
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const tls = await generateSelfSignedCertificate('CN=127.0.0.1', now, new Date(now.getTime() + 24 * 3600 * 1000));
    const cert = `-----BEGIN CERTIFICATE-----\n${tls.der.toString('base64').match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
    const emulator = await startTenantEmulator({ port: 0, https: { key: tls.privateKeyPem, cert } });
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    // The emulator's certificate is self-signed; only this test file's worker trusts it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const withToken = Client.init({
        authProvider: (done) => done(null, 'emulator-test-token'),
        baseUrl: `${emulator.url}/`,
        customHosts: new Set(['127.0.0.1']),
      });
      const withoutToken = rawGraphClient(emulator.url);

      const organization = (await withToken.api('/organization').get()) as { value: Array<{ id: string }> };
      const error = await graphError(withoutToken.api('/organization').get());

      expect(emulator.url.startsWith('https://')).toBe(true);
      expect(organization.value[0]?.id).toBe(emulator.tenantId);
      expect(error.statusCode).toBe(401);
      expect(error.code).toBe('InvalidAuthenticationToken');
    } finally {
      if (previous === undefined) {
        delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      } else {
        process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      }
      await emulator.close();
    }
  });
});
