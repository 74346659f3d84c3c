export { createHttpServer, type ActivityProcessor, type HttpServerOptions } from './create-http-server.js';
export { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from './readiness.js';
export { createCertificateLinkSigner, type CertificateLinkOptions, type CertificateLinkSigner } from './certificate-link.js';
export { addCertificateRoute, type CertificateRouteOptions } from './certificate-route.js';
export { cachedCheck, type CachedCheckOptions } from './cached-check.js';
