import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CertificateLinkSigner {
  /** Builds the signed download URL of a request's certificate, valid for the signer's TTL. */
  sign(requestId: string, now: Date): { url: string; expiresAt: string };
  /** Returns true when `signature` is this key's signature of the request id and expiry, and the expiry is after `now`. */
  verify(requestId: string, expires: string, signature: string, now: Date): boolean;
}

export interface CertificateLinkOptions {
  /** `PUBLIC_BASE_URL` without a trailing slash; read at every call, because the port may be known only after listening. */
  baseUrl: () => string;
  /** `LINK_SIGNING_KEY`. */
  key: string;
  ttlMs: number;
}

const SIGNATURE_BYTES = 32;

/**
 * Signs certificate download links with HMAC-SHA256 over the request id and
 * the expiry (Unix seconds). The certificate is public; the signature only
 * keeps request ids from being enumerated and makes links expire.
 */
export function createCertificateLinkSigner(options: CertificateLinkOptions): CertificateLinkSigner {
  const signatureOf = (requestId: string, expires: string): Buffer =>
    createHmac('sha256', options.key).update(`certificate:${requestId}:${expires}`).digest();

  return {
    sign(requestId, now) {
      const expiresSeconds = Math.floor((now.getTime() + options.ttlMs) / 1000);
      const expires = String(expiresSeconds);
      const signature = signatureOf(requestId, expires).toString('base64url');
      const url = `${options.baseUrl()}/certificates/${encodeURIComponent(requestId)}.cer?expires=${expires}&sig=${signature}`;
      return { url, expiresAt: new Date(expiresSeconds * 1000).toISOString() };
    },
    verify(requestId, expires, signature, now) {
      if (!/^[0-9]{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
      const received = Buffer.from(signature, 'base64url');
      const expected = signatureOf(requestId, expires);
      if (received.length !== SIGNATURE_BYTES || !timingSafeEqual(received, expected)) return false;
      return Number(expires) * 1000 > now.getTime();
    },
  };
}
