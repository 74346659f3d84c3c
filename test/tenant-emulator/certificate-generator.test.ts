import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate, prepareSigningKeys } from '../../src/tenant-emulator/certificate-generator.js';

describe('prepareSigningKeys', () => {
  it('gives each prepared key pair to one certificate', async () => {
    await prepareSigningKeys(2);
    const notBefore = new Date('2026-12-01T00:00:00Z');
    const notAfter = new Date('2029-12-01T00:00:00Z');

    const certificates = [];
    for (let index = 0; index < 3; index += 1) {
      certificates.push(await generateSelfSignedCertificate(`CN=Prepared ${index}`, notBefore, notAfter));
    }

    expect(new Set(certificates.map((certificate) => certificate.privateKeyPem)).size).toBe(3);
    for (const certificate of certificates) {
      const parsed = new X509Certificate(certificate.der);
      expect(parsed.verify(parsed.publicKey)).toBe(true);
    }
  });
});
