// A Bot Connector stand-in for load runs. It responds to every request with
// 200 and a new activity id as soon as the body has arrived, and only counts calls.
// The test connector in test/support parses and keeps every body and checks
// waiters on each call, which costs time and memory that grow with the run.
// An observer can be attached for runs that must read what the bot sends.

import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from '../test/support/loopback-server.js';

/** One call the bot made, for observers. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** The parsed JSON body, or undefined when it is empty or not JSON. */
  body: Record<string, unknown> | undefined;
  /** The activity id the connector returned. */
  activityId: string;
}

export interface FastConnector {
  /** Put this in every activity's `serviceUrl`. Ends with a slash, as Teams sends it. */
  serviceUrl: string;
  /** Calls received so far, by HTTP method. */
  counts: Record<string, number>;
  /** Receives every later call with its parsed body; pass undefined to stop parsing. */
  observe(observer: ((call: ConnectorCall) => void) | undefined): void;
  close(): Promise<void>;
}

export async function startFastConnector(): Promise<FastConnector> {
  const counts: Record<string, number> = {};
  let observer: ((call: ConnectorCall) => void) | undefined;
  let nextId = 1;

  const server = createServer((request, response) => {
    const method = request.method ?? 'GET';
    counts[method] = (counts[method] ?? 0) + 1;
    const watching = observer;
    const activityId = `bench-activity-${nextId++}`;
    readBody(request, watching !== undefined).then((text) => {
      const reply = `{"id":"${activityId}"}`;
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(reply) });
      response.end(reply);
      if (watching) watching({ method, path: request.url ?? '/', body: parseJson(text), activityId });
    });
  });
  const listener = await listenOnLoopback(server);

  return {
    serviceUrl: `http://127.0.0.1:${listener.port}/`,
    counts,
    observe(next) {
      observer = next;
    },
    close: listener.close,
  };
}

/** Drains the body, keeping its text only when `keep` is set. */
function readBody(request: IncomingMessage, keep: boolean): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      if (keep) chunks.push(chunk);
    });
    request.on('end', () => resolve(keep ? Buffer.concat(chunks).toString('utf8') : ''));
    request.on('error', () => resolve(''));
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
