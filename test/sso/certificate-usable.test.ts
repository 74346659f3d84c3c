import { randomUUID } from 'node:crypto';
import { SAML } from '@node-saml/node-saml';
import { SignedXml } from 'xml-crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { goToMeetingProfile } from '../../src/sso/index.js';
import { generateSelfSignedCertificate } from '../../src/tenant-emulator/certificate-generator.js';
import { planFor, runWith, startHarness, type Harness } from './support/engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const issuer = 'https://sts.windows.net/tenant/';

function samlResponse(now: Date): string {
  const later = new Date(now.getTime() + 5 * 60_000).toISOString();
  const instant = now.toISOString();
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${randomUUID()}" Version="2.0" IssueInstant="${instant}" Destination="${goToMeetingProfile.replyUrl}">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${instant}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    '<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">B.Simon@contoso.com</saml:NameID>' +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${later}" Recipient="${goToMeetingProfile.replyUrl}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${instant}" NotOnOrAfter="${later}"><saml:AudienceRestriction><saml:Audience>${goToMeetingProfile.identifierUri}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    '</saml:Assertion></samlp:Response>';
}

function signAssertion(xml: string, privateKey: string): string {
  const signer = new SignedXml({
    privateKey,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}

function serviceProvider(idpCert: string): SAML {
  return new SAML({
    callbackUrl: goToMeetingProfile.replyUrl,
    issuer: goToMeetingProfile.identifierUri,
    audience: goToMeetingProfile.identifierUri,
    idpCert,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
  });
}

describe('signing certificate from the engine', () => {
  it('validates a SAML response signed with its private key', async () => {
    harness = await startHarness();
    const { result } = await runWith(harness, await planFor(harness, { relayState: 'https://global.gotomeeting.com', createTestUser: false }));
    const certificate = result.certificate!;
    const privateKey = harness.emulator.signingKeyFor(certificate.thumbprint)!;
    expect(privateKey).toContain('PRIVATE KEY');

    const signed = signAssertion(samlResponse(new Date()), privateKey);
    const { profile } = await serviceProvider(certificate.pem).validatePostResponseAsync({ SAMLResponse: Buffer.from(signed).toString('base64') });

    expect(profile?.nameID).toBe('B.Simon@contoso.com');
  });

  it('rejects a response signed with another key', async () => {
    harness = await startHarness();
    const { result } = await runWith(harness, await planFor(harness, { relayState: 'https://global.gotomeeting.com', createTestUser: false }));
    const stranger = await generateSelfSignedCertificate('CN=Stranger', new Date(Date.now() - 60_000), new Date(Date.now() + 86_400_000));

    const signed = signAssertion(samlResponse(new Date()), stranger.privateKeyPem);

    await expect(serviceProvider(result.certificate!.pem).validatePostResponseAsync({ SAMLResponse: Buffer.from(signed).toString('base64') })).rejects.toThrow(/signature/i);
  });
});
