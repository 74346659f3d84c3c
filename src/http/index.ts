export { createHttpServer, type ActivityProcessor, type HttpServerOptions } from './create-http-server.js';
export { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from './readiness.js';
