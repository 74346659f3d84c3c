import { createHash, webcrypto } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export interface GeneratedCertificate {
  der: Buffer;
  /** Uppercase hex SHA-1 of the DER encoding, the usual X.509 thumbprint. */
  thumbprint: string;
  privateKeyPem: string;
}

const RSA_ALGORITHM = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

function toPem(der: ArrayBuffer, label: string): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// Key pairs made ahead of use by `prepareSigningKeys`, shared by every emulator
// in the process. None are made unless a caller requests them.
const spareKeyPairs: Array<Promise<webcrypto.CryptoKeyPair>> = [];

function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(RSA_ALGORITHM, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
}

/**
 * Generates `count` RSA key pairs for the next certificates and resolves when
 * they are ready. One RSA-2048 key took 60 to 350 ms on an idle 2-core
 * machine and longer under load, so a benchmark that gives every Graph
 * request the same latency prepares keys to keep that time out of
 * `addTokenSigningCertificate`.
 */
export async function prepareSigningKeys(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) spareKeyPairs.push(generateKeyPair());
  await Promise.all(spareKeyPairs);
}

/** Creates an RSA-2048 self-signed certificate signed with SHA-256, like Entra's SAML signing certificates. */
export async function generateSelfSignedCertificate(subject: string, notBefore: Date, notAfter: Date): Promise<GeneratedCertificate> {
  const keys = await (spareKeyPairs.shift() ?? generateKeyPair());
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    { name: subject, notBefore, notAfter, keys, signingAlgorithm: RSA_ALGORITHM },
    webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1],
  );
  const der = Buffer.from(certificate.rawData);
  const privateKey = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    der,
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    privateKeyPem: toPem(privateKey, 'PRIVATE KEY'),
  };
}
