import restify, { type Next, type Request, type RequestHandler, type Response, type Server } from 'restify';
import type { Logger } from '../logging/index.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';

/**
 * Hands a parsed activity to the bot: in production CloudAdapter.process,
 * which validates the caller's JWT when credentials are configured, runs the
 * bot and writes the response.
 */
export type ActivityProcessor = (request: Request, response: Response) => Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  processActivity: ActivityProcessor;
  readinessChecks?: ReadinessCheck[];
  /** Adds further routes, such as certificate downloads. */
  routes?: (server: Server) => void;
  /** Larger bodies get 413. Teams activities stay far below the default of 256 KiB. */
  maxBodyBytes?: number;
  readinessTimeoutMs?: number;
}

const badRequestBody = { code: 'BadRequest', message: 'The request body must be a JSON Bot Framework activity.' };
const unsupportedMediaTypeBody = {
  code: 'UnsupportedMediaType',
  message: 'The request body must be uncompressed application/json.',
};

/** Creates the restify server. Routes only hand requests on; the decisions live in the bot. */
export function createHttpServer(options: HttpServerOptions): Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'sso-bot', handleUncaughtExceptions: false });

  server.on('restifyError', (request: Request, _response: Response, error: Error, callback: () => void) => {
    logger.warn({ err: error, method: request.method, path: request.path() }, 'request failed');
    callback();
  });

  server.post(
    '/api/messages',
    rejectUnsupportedBodies(logger),
    restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes ?? 256 * 1024 }),
    async (request: Request, response: Response) => handleMessages(options, request, response),
  );

  server.get('/healthz', async (_request: Request, response: Response) => {
    response.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_request: Request, response: Response) => {
    const report = await runReadinessChecks(options.readinessChecks ?? [], logger, options.readinessTimeoutMs ?? 5000);
    response.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not-ready', checks: report.checks });
  });

  options.routes?.(server);
  return server;
}

/**
 * Rejects bodies that are not plain JSON with 415, before any byte is read.
 * The bodyReader of restify 11.1 inflates gzip without limiting the inflated size (its
 * `maxBodySize` counts the compressed bytes), so a small gzip body could fill
 * memory before the JWT check. Requiring a JSON content type also keeps
 * browsers from posting activities as CORS simple requests (text/plain, forms).
 */
function rejectUnsupportedBodies(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: Next) => {
    const encoding = request.header('content-encoding', '').trim().toLowerCase();
    const contentType = request.getContentType().trim();
    if ((encoding === '' || encoding === 'identity') && contentType === 'application/json') {
      next();
      return;
    }

    logger.warn({ path: request.path(), contentType, contentEncoding: encoding }, 'rejected a request body that is not plain JSON');
    response.send(415, unsupportedMediaTypeBody);
    next(false);
  };
}

async function handleMessages(options: HttpServerOptions, request: Request, response: Response): Promise<void> {
  const activity = parseActivity(request.body);
  if (!activity) {
    options.logger.warn({ path: request.path() }, 'rejected a request body that is not a JSON activity');
    response.send(400, badRequestBody);
    return;
  }

  request.body = activity;
  try {
    await options.processActivity(request, response);
  } catch (error) {
    // The adapter throws before running the bot when the activity fails its schema check.
    options.logger.error({ err: error, activityId: activity.id }, 'failed to process an activity');
    if (!response.headersSent) {
      response.send(400, badRequestBody);
    }
  }
}

function parseActivity(body: unknown): (Record<string, unknown> & { id?: unknown }) | undefined {
  let text = '';
  if (Buffer.isBuffer(body)) {
    text = body.toString('utf8');
  } else if (typeof body === 'string') {
    text = body;
  }
  if (text.trim() === '') {
    return undefined;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }

  return hasActivityShape(parsed) ? parsed : undefined;
}

/**
 * Checks the fields every channel sends. `serviceUrl` matters most: botbuilder
 * sends the replies there, so an activity without it is rejected here. The
 * identity and text fields the bot reads must be strings when present,
 * because botbuilder's own schema check lets other types through.
 */
function hasActivityShape(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) {
    return false;
  }

  const activity = value as {
    type?: unknown;
    serviceUrl?: unknown;
    text?: unknown;
    entities?: unknown;
    conversation?: unknown;
    from?: unknown;
  };
  const conversation = isPlainObject(activity.conversation) ? activity.conversation : undefined;
  return (
    typeof activity.type === 'string' &&
    typeof activity.serviceUrl === 'string' &&
    /^https?:\/\//i.test(activity.serviceUrl) &&
    typeof conversation?.id === 'string' &&
    optionalString(conversation.tenantId) &&
    optionalString(activity.text) &&
    (activity.entities === undefined || Array.isArray(activity.entities)) &&
    (activity.from === undefined || (isPlainObject(activity.from) && optionalString(activity.from.id) && optionalString(activity.from.aadObjectId)))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}
