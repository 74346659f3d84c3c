import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ControlResult } from './control-api.js';
import type { EmulatorRuntime } from './emulator-runtime.js';
import { GraphRequestError } from './graph-error.js';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import { grantedRoles } from './permissions.js';
import { unauthorized } from './request-pipeline.js';
import { parseTarget } from './request-target.js';
import { errorResponse } from './router.js';

type ControlHandler = (method: string, path: string, body: unknown) => ControlResult;

const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const VERSION_PREFIX = /^\/v1\.0(?=\/|\?|$)/;

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
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...(response.headers ?? {}) };
  if (response.body !== undefined) {
    headers['content-type'] = JSON_CONTENT_TYPE;
  }
  res.writeHead(response.status, headers);
  res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
}

function hasBearerToken(headers: Record<string, string>): boolean {
  return /^Bearer\s+\S+/i.test(headers.authorization ?? '');
}

function serveControl(res: http.ServerResponse, control: ControlHandler, method: string, target: string, bodyText: string): void {
  let body: unknown;
  try {
    body = parseJson(bodyText);
  } catch {
    body = undefined;
  }
  const result = control(method, target.split('?')[0] as string, body);
  res.writeHead(result.status, result.body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
}

async function serveGraph(runtime: EmulatorRuntime, req: http.IncomingMessage, res: http.ServerResponse, target: string, bodyText: string): Promise<void> {
  const requestId = randomUUID();
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = lowerCaseHeaders(req.headers);
  const clientRequestId = headers['client-request-id'] ?? requestId;
  let body: unknown;
  try {
    body = parseJson(bodyText);
    if (runtime.requireToken && !hasBearerToken(headers)) {
      throw unauthorized();
    }
  } catch (error) {
    const response = errorResponse(error, requestId, clientRequestId);
    runtime.record({ method, path: target, body: bodyText, status: response.status, time: new Date().toISOString(), requestId });
    writeResponse(res, response, requestId, clientRequestId);
    return;
  }

  const { path, query } = parseTarget(target === '' ? '/' : target);
  const request: EmulatedRequest = { method, path, query, headers, body, target, grantedRoles: grantedRoles(headers.authorization) };
  const result = await runtime.pipeline.run(request, requestId);
  if (result.drop !== undefined) {
    req.socket.destroy();
    return;
  }
  writeResponse(res, result.response, requestId, clientRequestId);
}

async function handle(runtime: EmulatorRuntime, control: ControlHandler, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const bodyText = await readBody(req);
  if (target.startsWith('/_emulator/')) {
    serveControl(res, control, (req.method ?? 'GET').toUpperCase(), target, bodyText);
    return;
  }
  const versioned = VERSION_PREFIX.exec(target);
  if (versioned === null) {
    const requestId = randomUUID();
    const error = new GraphRequestError(400, 'BadRequest', `Invalid version in '${target}': the emulator serves /v1.0 only.`);
    writeResponse(res, errorResponse(error, requestId, requestId), requestId, requestId);
    return;
  }
  await serveGraph(runtime, req, res, target.slice(versioned[0].length), bodyText);
}

/** Creates the Node request listener that serves `/v1.0` and the control API under `/_emulator/`. */
export function createListener(runtime: EmulatorRuntime, control: ControlHandler): http.RequestListener {
  return (req, res) => {
    handle(runtime, control, req, res).catch((error: unknown) => {
      const requestId = randomUUID();
      runtime.logger.error({ err: error, requestId, method: req.method, url: req.url }, 'request handling failed');
      if (!res.headersSent) {
        writeResponse(res, errorResponse(error, requestId, requestId), requestId, requestId);
      }
    });
  };
}
