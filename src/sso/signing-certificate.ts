import { createHash, X509Certificate } from 'node:crypto';
import type { SelfSignedCertificate } from '@microsoft/microsoft-graph-types';
import { SetupError } from './setup-error.js';
import type { SigningCertificate } from './types.js';

/** PEM text (RFC 7468): the Base64 DER in 64-character lines between the CERTIFICATE labels. */
export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function decodeKey(key: string | null | undefined): Buffer {
  const compact = (key ?? '').replace(/\s+/g, '');
  const der = Buffer.from(compact, 'base64');
  if (compact === '' || der.toString('base64') !== compact) {
    throw new SetupError('invalid_certificate', 'The signing certificate from Graph has no valid Base64 `key`.');
  }
  return der;
}

/**
 * Turns the `selfSignedCertificate` that `addTokenSigningCertificate` returns
 * into the admin center's "Certificate (Base64)" download. Throws when the
 * thumbprint Graph returned is not the SHA-1 of the certificate's DER bytes,
 * because the thumbprint is what the engine activates.
 */
export function toSigningCertificate(certificate: SelfSignedCertificate): SigningCertificate {
  const der = decodeKey(certificate.key);
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(der);
  } catch (error) {
    throw new SetupError('invalid_certificate', 'The signing certificate from Graph is not a DER X.509 certificate.', { cause: error });
  }

  const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
  const reported = (certificate.thumbprint ?? '').toUpperCase();
  if (reported !== thumbprint) {
    throw new SetupError('invalid_certificate', `Graph reported thumbprint ${reported || '(none)'}, but the certificate's SHA-1 is ${thumbprint}.`);
  }

  return {
    pem: derToPem(der),
    thumbprint,
    subject: parsed.subject.split('\n').join(', '),
    notBefore: new Date(parsed.validFrom).toISOString(),
    notAfter: new Date(parsed.validTo).toISOString(),
    ...(certificate.keyId ? { keyId: certificate.keyId } : {}),
  };
}
