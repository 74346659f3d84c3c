import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { handleControl } from './control-api.js';
import { demoSeed } from './demo-seed.js';
import { FaultBook } from './fault-book.js';
import { GraphRequestError } from './graph-error.js';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import { parseTarget } from './request-target.js';
import { RequestPipeline, unauthorized } from './request-pipeline.js';
import { errorResponse } from './router.js';
import { TenantState } from './tenant-state.js';
import type { FaultRule, LoggedRequest, StartOptions, TenantEmulator } from './types.js';

const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new GraphRequestError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', undefined, {}, error);
  }
}

function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

function writeResponse(res: http.ServerResponse, response: EmulatedResponse, requestId: string, clientRequestId: string): void {
  const headers: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    ...(response.headers ?? {}),
  };
  if (response.body !== undefined) {
    headers['content-type'] = JSON_CONTENT_TYPE;
  }
  res.writeHead(response.status, headers);
  res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
}

function hasBearerToken(headers: Record<string, string>): boolean {
  return /^Bearer\s+\S+/i.test(headers.authorization ?? '');
}

/** Starts a Graph v1.0 tenant emulator on 127.0.0.1. */
export async function startTenantEmulator(options: StartOptions = {}): Promise<TenantEmulator> {
  const seed = options.seed ?? demoSeed;
  const state = new TenantState(seed, options.replicationLag, options.samlModeLag);
  const faults = new FaultBook();
  faults.set(options.faults ?? []);
  let latencyMs = options.latencyMs ?? 0;
  let log: LoggedRequest[] = [];
  let url = '';
  const requireToken = options.https !== undefined;
  const logger = options.logger ?? pino({ name: 'tenant-emulator', level: 'warn' });

  const pipeline = new RequestPipeline({
    state,
    faults,
    baseUrl: () => url,
    latencyMs: () => latencyMs,
    log: (entry) => log.push(entry),
    logger,
  });

  const emulator: TenantEmulator & { faultRules(): FaultRule[] } = {
    url: '',
    tenantId: seed.tenantId,
    seed,
    state,
    requestLog: () => log.map((entry) => ({ ...entry })),
    clearRequestLog: () => {
      log = [];
    },
    setFaults: (rules) => {
      faults.set(rules);
      logger.info({ faults: rules.length }, 'fault rules replaced');
    },
    faultRules: () => faults.rules(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setReplicationLag: (lag) => state.replication.configure(lag),
    setSamlModeLag: (lag) => state.samlSwitch.configure(lag),
    signingKeyFor: (thumbprint) => state.signingKeys.get(thumbprint.toUpperCase()),
    close: async () => {
      await closeServer(server);
      logger.info({ url }, 'tenant emulator stopped');
    },
  };

  async function serveGraph(req: http.IncomingMessage, res: http.ServerResponse, target: string, bodyText: string): Promise<void> {
    const requestId = randomUUID();
    const headers = lowerCaseHeaders(req.headers);
    const clientRequestId = headers['client-request-id'] ?? requestId;
    const { path, query } = parseTarget(target === '' ? '/' : target);
    let body: unknown;
    try {
      body = parseJson(bodyText);
      if (requireToken && !hasBearerToken(headers)) {
        throw unauthorized();
      }
    } catch (error) {
      const response = errorResponse(error, requestId, clientRequestId);
      log.push({ method: req.method ?? 'GET', path: target, body: bodyText, status: response.status, time: new Date().toISOString(), requestId });
      writeResponse(res, response, requestId, clientRequestId);
      return;
    }
    const request: EmulatedRequest = { method: (req.method ?? 'GET').toUpperCase(), path, query, headers, body, target };
    const result = await pipeline.run(request, requestId);
    if (result.drop !== undefined) {
      req.socket.destroy();
      return;
    }
    writeResponse(res, result.response, requestId, clientRequestId);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const bodyText = await readBody(req);
    if (target.startsWith('/_emulator/')) {
      let body: unknown;
      try {
        body = parseJson(bodyText);
      } catch {
        body = undefined;
      }
      const result = handleControl(emulator, (req.method ?? 'GET').toUpperCase(), target.split('?')[0] as string, body);
      res.writeHead(result.status, result.body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
      return;
    }
    const versioned = /^\/v1\.0(?=\/|\?|$)/.exec(target);
    if (versioned === null) {
      writeResponse(res, errorResponse(new GraphRequestError(400, 'BadRequest', 'Invalid version: only v1.0 is served.'), randomUUID(), ''), randomUUID(), '');
      return;
    }
    await serveGraph(req, res, target.slice(versioned[0].length), bodyText);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      const requestId = randomUUID();
      logger.error({ err: error, requestId, method: req.method, url: req.url }, 'request handling failed');
      if (!res.headersSent) {
        writeResponse(res, errorResponse(error, requestId, requestId), requestId, requestId);
      }
    });
  };
  const server = options.https === undefined ? http.createServer(listener) : https.createServer(options.https, listener);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `${options.https === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  emulator.url = url;
  logger.info({ url, tenantId: seed.tenantId }, 'tenant emulator started');
  return emulator;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
