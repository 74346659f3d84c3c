// A loopback stand-in for the Bot Connector service. The bot sends its
// messages to the `serviceUrl` of the incoming activity, so pointing that at
// this server lets tests read every send, reply and update. It responds like the
// real service: new activities get ids, replies go to
// POST /v3/conversations/{id}/activities/{replyToId}, updates use PUT.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback-server.js';

export type ConnectorOperationType = 'send' | 'reply' | 'update' | 'delete' | 'createConversation';

export interface ConnectorOperation {
  type: ConnectorOperationType;
  /** Decoded conversation id, or for createConversation the id the connector assigned. */
  conversationId: string;
  /** The id the connector assigned (send, reply), or the id addressed (update, delete). */
  activityId?: string;
  /** The id replied to, for replies. */
  replyToId?: string;
  /** The request body: the activity, or the conversation parameters for createConversation. */
  activity: Record<string, unknown>;
  /** The Authorization header the bot sent, if any. */
  authorization?: string;
}

export interface Connector {
  /** Put this in every test activity's `serviceUrl`. Ends with a slash, as Teams sends it. */
  serviceUrl: string;
  /** Every operation in the order it arrived. */
  sent: ConnectorOperation[];
  /** Resolves with the first recorded operation that matches, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (operation: ConnectorOperation) => boolean, timeoutMs?: number): Promise<ConnectorOperation>;
  /**
   * Makes the next send, reply, update, delete or create fail with `status`
   * and a connector error body. With `only`, only the next operation of that
   * type fails.
   */
  failNext(status: number, code?: string, only?: ConnectorOperationType): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (operation: ConnectorOperation) => boolean;
  resolve: (operation: ConnectorOperation) => void;
}

/** Starts the connector on a free loopback port. */
export async function startConnector(): Promise<Connector> {
  const sent: ConnectorOperation[] = [];
  const waiters = new Set<Waiter>();
  const failures: Array<{ status: number; code: string; only?: ConnectorOperationType }> = [];
  let nextId = 1;

  const record = (operation: ConnectorOperation): void => {
    sent.push(operation);
    for (const waiter of waiters) {
      if (waiter.predicate(operation)) {
        waiters.delete(waiter);
        waiter.resolve(operation);
      }
    }
  };

  const server = createServer((request, response) => {
    readJson(request).then(
      (body) => {
        const type = operationType(request);
        const index = failures.findIndex((candidate) => candidate.only === undefined || candidate.only === type);
        const failure = index < 0 ? undefined : failures.splice(index, 1)[0];
        if (failure) {
          sendJson(response, failure.status, { error: { code: failure.code, message: `Injected failure ${failure.status}.` } });
          return;
        }
        route(request, response, body, { record, newId: () => `connector-activity-${nextId++}` });
      },
      () => sendJson(response, 400, { error: { code: 'BadArgument', message: 'The body is not JSON.' } }),
    );
  });
  const listener = await listenOnLoopback(server);

  return {
    serviceUrl: `http://127.0.0.1:${listener.port}/`,
    sent,
    waitFor(predicate, timeoutMs = 5000) {
      const existing = sent.find(predicate);
      if (existing) {
        return Promise.resolve(existing);
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (operation) => {
            clearTimeout(timer);
            resolve(operation);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = sent.map((operation) => `${operation.type} ${operation.conversationId}`).join(', ') || 'nothing';
          reject(new Error(`The connector received no matching operation within ${timeoutMs} ms; it received: ${seen}.`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(status, code = 'ServiceError', only) {
      failures.push({ status, code, ...(only ? { only } : {}) });
    },
    close: listener.close,
  };
}

/** The operation type of a request, by method and path, before it is routed. */
function operationType(request: IncomingMessage): ConnectorOperationType | undefined {
  const path = new URL(request.url ?? '/', 'http://connector').pathname;
  if (request.method === 'POST' && path === '/v3/conversations') return 'createConversation';
  if (request.method === 'PUT') return 'update';
  if (request.method === 'DELETE') return 'delete';
  if (request.method === 'POST') return /\/activities\/[^/]+$/.test(path) ? 'reply' : 'send';
  return undefined;
}

interface RouteTools {
  record: (operation: ConnectorOperation) => void;
  newId: () => string;
}

function route(request: IncomingMessage, response: ServerResponse, body: Record<string, unknown>, tools: RouteTools): void {
  const path = new URL(request.url ?? '/', 'http://connector').pathname;
  const authorization = request.headers.authorization;
  const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);

  if (request.method === 'POST' && path === '/v3/conversations') {
    const conversationId = `a:created-${tools.newId()}`;
    tools.record({ type: 'createConversation', conversationId, activity: body, authorization });
    sendJson(response, 201, { id: conversationId, serviceUrl: undefined });
    return;
  }
  if (!activityPath) {
    sendJson(response, 404, { error: { code: 'NotFound', message: `No route for ${request.method} ${path}.` } });
    return;
  }

  const conversationId = decodeURIComponent(activityPath[1] as string);
  const addressedId = activityPath[2] === undefined ? undefined : decodeURIComponent(activityPath[2]);

  if (request.method === 'POST') {
    const activityId = tools.newId();
    const type = addressedId === undefined ? 'send' : 'reply';
    tools.record({ type, conversationId, activityId, replyToId: addressedId, activity: body, authorization });
    sendJson(response, 200, { id: activityId });
    return;
  }
  if (request.method === 'PUT' && addressedId !== undefined) {
    tools.record({ type: 'update', conversationId, activityId: addressedId, activity: body, authorization });
    sendJson(response, 200, { id: addressedId });
    return;
  }
  if (request.method === 'DELETE' && addressedId !== undefined) {
    tools.record({ type: 'delete', conversationId, activityId: addressedId, activity: body, authorization });
    sendJson(response, 200, {});
    return;
  }
  sendJson(response, 405, { error: { code: 'MethodNotAllowed', message: `${request.method} is not supported here.` } });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
