import type { SigningCertificate } from '../sso/types.js';
import type { AdaptiveCardJson } from './card-template.js';
import { expandTemplate } from './card-template.js';
import { formatUtcMinute, safeText } from './format.js';

export interface CertificateView {
  appName: string;
  certificate: Pick<SigningCertificate, 'pem' | 'subject' | 'thumbprint' | 'notBefore' | 'notAfter'>;
  /** The bot's signed, expiring link to `GET /certificates/{request id}.cer`. */
  downloadUrl: string;
  downloadExpiresAt: string;
  /** Next steps shown under the certificate, for example after a rotation. */
  nextSteps?: string[];
  /** Request whose certificate the "Activate this certificate" button offers to activate. Without it the card has no such button. */
  activateRequestId?: string;
}

/** Maximum PEM length the card embeds, in characters. A 4096-bit RSA certificate is about 2 KB. */
export const MAX_PEM_CHARS = 6000;

/**
 * Builds the signing certificate card. The certificate is public, so the PEM
 * text is shown in full. A private key is rejected rather than shown.
 */
export function buildCertificateCard(view: CertificateView): AdaptiveCardJson {
  const pem = view.certificate.pem.trim();
  if (!/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem) || pem.includes('PRIVATE KEY')) {
    throw new TypeError('The certificate card accepts only one PEM "CERTIFICATE" block.');
  }
  if (pem.length > MAX_PEM_CHARS) {
    throw new RangeError(`The certificate PEM is ${pem.length} characters, but the card allows at most ${MAX_PEM_CHARS}.`);
  }

  return expandTemplate('certificate', {
    title: `${safeText(view.appName)} SAML signing certificate`,
    subject: safeText(view.certificate.subject, 200),
    // On its own line in Small monospace, the 40 hex characters fit a phone's
    // card width unbroken, so the value stays copyable as Entra shows it.
    thumbprint: safeText(view.certificate.thumbprint, 64),
    notBefore: formatUtcMinute(view.certificate.notBefore),
    notAfter: formatUtcMinute(view.certificate.notAfter),
    // Base64 has no Markdown characters except `+`, which is special only at
    // the start of a line followed by a space, so the PEM is bound as it is.
    // Blank lines make each PEM line its own paragraph in the Markdown renderer.
    pem: pem.split(/\r?\n/).join('\n\n'),
    downloadUrl: view.downloadUrl,
    linkExpiryLine: `The download link works until ${formatUtcMinute(view.downloadExpiresAt)}.`,
    nextSteps: (view.nextSteps ?? []).map((line) => safeText(line, 300)),
    activateRequestId: view.activateRequestId ?? '',
  });
}
