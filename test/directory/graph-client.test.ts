import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient, GraphDirectoryGateway } from '../../src/directory/index.js';
import { generateSelfSignedCertificate } from '../../src/tenant-emulator/certificate-generator.js';
import { startTenantEmulator } from '../../src/tenant-emulator/index.js';

class RecordingCredential implements TokenCredential {
  readonly scopes: string[][] = [];

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function defaultBody(status: number): unknown {
  if (status === 200) return { value: [{ id: 'org-1' }] };
  return { error: { code: 'serviceNotAvailable', message: 'busy' } };
}

async function startRecorder(status: number, body: (url: string, base: string) => unknown = () => defaultBody(status)) {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  let base = '';
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': 'rid-1' });
    response.end(JSON.stringify(body(request.url ?? '', base)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, seen };
}

describe('createGraphClient', () => {
  it('sends a bearer token for the endpoint scope over HTTPS', async () => {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const tls = await generateSelfSignedCertificate('CN=127.0.0.1', now, new Date(now.getTime() + 86_400_000));
    const emulator = await startTenantEmulator({ port: 0, https: { key: tls.privateKeyPem, cert: pem(tls.der) } });
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    // The emulator's certificate is self-signed, and only this test file's worker trusts it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const credential = new RecordingCredential();
      const gateway = new GraphDirectoryGateway({ client: createGraphClient({ endpoint: emulator.url, authorityHost: emulator.url, credential }) });

      const organization = await gateway.getOrganization();

      expect(emulator.url.startsWith('https://')).toBe(true);
      expect(organization.id).toBe(emulator.tenantId);
      expect(credential.scopes[0]).toEqual([`${emulator.url}/.default`]);
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      await emulator.close();
    }
  });

  it('sends no token over plain HTTP', async () => {
    const recorder = await startRecorder(200);
    const credential = new RecordingCredential();
    const gateway = new GraphDirectoryGateway({ client: createGraphClient({ endpoint: recorder.url, authorityHost: recorder.url, credential }) });

    await gateway.getOrganization();

    expect(recorder.seen[0]?.url).toBe('/v1.0/organization');
    expect(recorder.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('leaves retries to the gateway policy', async () => {
    const recorder = await startRecorder(503);
    const client = createGraphClient({ endpoint: recorder.url, authorityHost: recorder.url, credential: undefined });

    await expect(client.api('/users').post({})).rejects.toMatchObject({ statusCode: 503 });
    expect(recorder.seen).toHaveLength(1);
    expect(recorder.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('follows nextLink across pages', async () => {
    const recorder = await startRecorder(200, (url, base) =>
      url.includes('skiptoken')
        ? { value: [{ id: 'user-3' }] }
        : { value: [{ id: 'user-1' }, { id: 'user-2' }], '@odata.nextLink': `${base}/v1.0/users?$skiptoken=page2` },
    );
    const gateway = new GraphDirectoryGateway({ client: createGraphClient({ endpoint: recorder.url, authorityHost: recorder.url, credential: undefined }) });

    const users = await gateway.findUsers({ displayName: 'Page Test' });

    expect(users.map((user) => user.id)).toEqual(['user-1', 'user-2', 'user-3']);
    expect(recorder.seen.map((request) => request.url)).toEqual([
      "/v1.0/users?$filter=displayName%20eq%20%27Page%20Test%27",
      '/v1.0/users?$skiptoken=page2',
    ]);
  });
});
