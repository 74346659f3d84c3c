import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { SelfSignedCertificate, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { graphError } from './graph-client.js';
import { instantiateSaml, startForTest } from './emulator-fixture.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

describe('addTokenSigningCertificate', () => {
  it('returns a real self-signed certificate with its thumbprint', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const endDateTime = new Date(Date.now() + 2 * YEAR_MS).toISOString();

    const result = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`)
      .post({ displayName: 'CN=GoToMeeting', endDateTime })) as SelfSignedCertificate;

    const der = Buffer.from(result.key as string, 'base64');
    const certificate = new X509Certificate(der);
    expect(result.thumbprint).toBe(createHash('sha1').update(der).digest('hex').toUpperCase());
    expect(certificate.fingerprint.replace(/:/g, '')).toBe(result.thumbprint);
    expect(certificate.subject).toBe('CN=GoToMeeting');
    expect(certificate.issuer).toBe('CN=GoToMeeting');
    expect(new Date(certificate.validTo).getTime()).toBe(Math.floor(new Date(endDateTime).getTime() / 1000) * 1000);
    expect(new Date(certificate.validFrom).getTime()).toBe(new Date(result.startDateTime as string).getTime());
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(Buffer.from(result.customKeyIdentifier as string, 'base64').toString('hex').toUpperCase()).toBe(result.thumbprint);
    expect(result).toMatchObject({ type: 'AsymmetricX509Cert', usage: 'Verify', displayName: 'CN=GoToMeeting' });
  });

  it('defaults the end date to three years', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const result = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`)
      .post({ displayName: 'CN=GoToMeeting' })) as SelfSignedCertificate;

    const start = new Date(result.startDateTime as string);
    const end = new Date(result.endDateTime as string);
    expect(end.getUTCFullYear() - start.getUTCFullYear()).toBe(3);
    expect(end.getUTCMonth()).toBe(start.getUTCMonth());
  });

  it('adds Sign, Verify and password credentials with one identifier', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const result = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`)
      .post({ displayName: 'CN=GoToMeeting' })) as SelfSignedCertificate;

    const read = (await client.api(`/servicePrincipals/${servicePrincipal.id}`).get()) as ServicePrincipal;
    const usages = read.keyCredentials?.map((key) => key.usage).sort();
    const sign = read.keyCredentials?.find((key) => key.usage === 'Sign');
    const verify = read.keyCredentials?.find((key) => key.usage === 'Verify');
    expect(usages).toEqual(['Sign', 'Verify']);
    expect(verify?.keyId).toBe(result.keyId);
    expect(read.passwordCredentials).toHaveLength(1);
    expect(read.passwordCredentials?.[0]?.keyId).toBe(sign?.keyId);
    expect(new Set([sign, verify, read.passwordCredentials?.[0]].map((entry) => entry?.customKeyIdentifier))).toEqual(
      new Set([result.customKeyIdentifier]),
    );
  });

  it('stays inactive until the thumbprint is set', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const result = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`)
      .post({ displayName: 'CN=GoToMeeting' })) as SelfSignedCertificate;

    const before = (await client.api(`/servicePrincipals/${servicePrincipal.id}`).get()) as ServicePrincipal;
    await client.api(`/servicePrincipals/${servicePrincipal.id}`).patch({ preferredTokenSigningKeyThumbprint: result.thumbprint });
    // @microsoft/microsoft-graph-types 2.43 lacks preferredTokenSigningKeyEndDateTime.
    const after = (await client.api(`/servicePrincipals/${servicePrincipal.id}`).get()) as ServicePrincipal & {
      preferredTokenSigningKeyEndDateTime?: string | null;
    };

    expect(before.preferredTokenSigningKeyThumbprint).toBeNull();
    expect(after.preferredTokenSigningKeyThumbprint).toBe(result.thumbprint);
    expect(after.preferredTokenSigningKeyEndDateTime).toBe(result.endDateTime);
  });

  it('rejects a thumbprint the service principal does not have', async () => {
    const { client } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(
      client.api(`/servicePrincipals/${servicePrincipal.id}`).patch({ preferredTokenSigningKeyThumbprint: 'A'.repeat(40) }),
    );

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
  });

  it.each([
    ['a display name without CN=', { displayName: 'GoToMeeting' }],
    ['an end date more than three years out', { displayName: 'CN=GoToMeeting', endDateTime: new Date(Date.now() + 3 * YEAR_MS + 5 * 24 * 3600 * 1000).toISOString() }],
    ['an end date in the past', { displayName: 'CN=GoToMeeting', endDateTime: '2020-01-01T00:00:00Z' }],
    ['an end date that is not a date', { displayName: 'CN=GoToMeeting', endDateTime: 'soon' }],
  ])('rejects %s', async (_case, body) => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);

    const error = await graphError(client.api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`).post(body));

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_BadRequest');
    expect(emulator.state.servicePrincipals.get(servicePrincipal.id as string)?.keyCredentials).toEqual([]);
  });

  it('keeps the private key for tests that sign SAML responses', async () => {
    const { client, emulator } = await startForTest();
    const { servicePrincipal } = await instantiateSaml(client);
    const result = (await client
      .api(`/servicePrincipals/${servicePrincipal.id}/addTokenSigningCertificate`)
      .post({ displayName: 'CN=GoToMeeting' })) as SelfSignedCertificate;

    const pem = emulator.signingKeyFor(result.thumbprint as string);

    const certificate = new X509Certificate(Buffer.from(result.key as string, 'base64'));
    const publicFromPrivate = createPublicKey(createPrivateKey(pem as string)).export({ format: 'der', type: 'spki' });
    expect(publicFromPrivate.equals(certificate.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
    expect(emulator.signingKeyFor('0'.repeat(40))).toBeUndefined();
  });
});
