import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging/index.js';
import type { CertificateLinkSigner } from './certificate-link.js';

export interface CertificateRouteOptions {
  signer: CertificateLinkSigner;
  /** Returns the certificate a request produced, or undefined. */
  findCertificate(requestId: string): Promise<{ appName: string; certificate: { pem: string; thumbprint: string } } | undefined>;
  logger: Logger;
  now?: () => Date;
}

// Request ids as the store creates them: CR- and 4 to 12 letters or digits.
const FILE_PATTERN = /^(CR-[0-9A-Z]{4,12})\.cer$/;

/**
 * Adds `GET /certificates/{request id}.cer?expires=…&sig=…`. It serves the
 * PEM ("Certificate (Base64)", as the Entra admin center downloads it) as
 * `application/pkix-cert`. Every invalid, expired or unknown link gets the
 * same 404, so a caller learns nothing about which part was wrong.
 */
export function addCertificateRoute(server: Server, options: CertificateRouteOptions): void {
  const now = options.now ?? (() => new Date());

  server.get('/certificates/:file', async (request: Request, response: Response) => {
    const file = String(request.params.file ?? '');
    const query = new URL(request.url ?? '/', 'http://bot').searchParams;
    const requestId = FILE_PATTERN.exec(file)?.[1];
    const valid = requestId !== undefined && options.signer.verify(requestId, query.get('expires') ?? '', query.get('sig') ?? '', now());

    const found = valid ? await lookUp(options, requestId) : undefined;
    if (!found) {
      options.logger.info({ requestId: requestId ?? null, signed: valid }, 'rejected a certificate download');
      response.send(404, { code: 'NotFound', message: 'Not found.' });
      return;
    }

    const fileName = `${found.appName.replace(/[^A-Za-z0-9]/g, '')}-${requestId}.cer`;
    response.writeHead(200, {
      'content-type': 'application/pkix-cert',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    response.end(found.certificate.pem);
    options.logger.info({ requestId, thumbprint: found.certificate.thumbprint }, 'served a certificate download');
  });
}

async function lookUp(options: CertificateRouteOptions, requestId: string) {
  try {
    return await options.findCertificate(requestId);
  } catch (error) {
    options.logger.error({ err: error, requestId }, 'failed to read the certificate for a download');
    return undefined;
  }
}
