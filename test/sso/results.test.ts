import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, cloudFromAuthorityHost, goToMeetingProfile, setupValues, toSigningCertificate } from '../../src/sso/index.js';
import { generateSelfSignedCertificate } from '../../src/tenant-emulator/certificate-generator.js';

describe('toSigningCertificate', async () => {
  const generated = await generateSelfSignedCertificate('CN=Microsoft Azure Federated SSO Certificate', new Date('2026-01-01T00:00:00Z'), new Date('2029-01-01T00:00:00Z'));
  const key = generated.der.toString('base64');

  it('returns PEM with 64-character lines and the certificate facts', () => {
    const certificate = toSigningCertificate({ key, thumbprint: generated.thumbprint, keyId: 'key-1' });
    const lines = certificate.pem.trimEnd().split('\n');

    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-1)).toBe('-----END CERTIFICATE-----');
    expect(lines.slice(1, -2).every((line) => line.length === 64)).toBe(true);
    expect(lines.at(-2)!.length).toBeLessThanOrEqual(64);
    expect(lines.slice(1, -1).join('')).toBe(key);
    expect(certificate.thumbprint).toBe(createHash('sha1').update(generated.der).digest('hex').toUpperCase());
    expect(certificate.subject).toBe('CN=Microsoft Azure Federated SSO Certificate');
    expect(certificate.notBefore).toBe('2026-01-01T00:00:00.000Z');
    expect(certificate.notAfter).toBe('2029-01-01T00:00:00.000Z');
    expect(certificate.keyId).toBe('key-1');
  });

  it('accepts a lowercase thumbprint', () => {
    expect(toSigningCertificate({ key, thumbprint: generated.thumbprint.toLowerCase() }).thumbprint).toBe(generated.thumbprint);
  });

  it.each([
    ['a wrong thumbprint', { key, thumbprint: 'DA20FCA696C4F83E8A9AED59BE33368ED421F3C1' }],
    ['no thumbprint', { key }],
    ['no key', { thumbprint: generated.thumbprint }],
    ['a key that is not Base64', { key: 'not base64!', thumbprint: generated.thumbprint }],
    ['a key that is not a certificate', { key: Buffer.from('hello').toString('base64'), thumbprint: generated.thumbprint }],
  ])('rejects %s', (_name, input) => {
    expect(() => toSigningCertificate(input)).toThrow(expect.objectContaining({ code: 'invalid_certificate' }));
  });
});

describe('setupValues', () => {
  const tenantId = '11111111-2222-3333-4444-555555555555';
  const appId = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

  it('builds the global cloud values', () => {
    expect(setupValues(goToMeetingProfile, tenantId, appId, cloudFromAuthorityHost('https://login.microsoftonline.com/'))).toEqual({
      loginUrl: `https://login.microsoftonline.com/${tenantId}/saml2`,
      entraIdentifier: `https://sts.windows.net/${tenantId}/`,
      logoutUrl: `https://login.microsoftonline.com/${tenantId}/saml2`,
      federationMetadataUrl: `https://login.microsoftonline.com/${tenantId}/federationmetadata/2007-06/federationmetadata.xml?appid=${appId}`,
      userAccessUrl: `https://myapps.microsoft.com/signin/GoToMeeting/${appId}?tenantId=${tenantId}`,
    });
  });

  it.each([
    ['https://login.microsoftonline.us', 'https://login.microsoftonline.us/t/saml2'],
    ['https://login.chinacloudapi.cn', 'https://login.chinacloudapi.cn/t/saml2'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100/t/saml2'],
  ])('derives the login URL from %s', (authorityHost, loginUrl) => {
    const values = setupValues(goToMeetingProfile, 't', appId, cloudFromAuthorityHost(authorityHost));
    expect(values.loginUrl).toBe(loginUrl);
    expect(values.entraIdentifier.endsWith('/t/')).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
