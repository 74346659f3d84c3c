// A small closed-loop HTTP load generator for loopback servers: a fixed
// number of workers, each sending its next POST when the previous one has
// been responded to, until a time or a request count runs out. Latency is the
// time from writing the request to the end of its response.

import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadOptions {
  /** The full URL to POST to. */
  url: string;
  concurrency: number;
  /** Stop starting requests after this long. */
  durationMs: number;
  /** Maximum number of requests to start in all, or no limit when absent. */
  maxRequests?: number;
  /** The JSON body of the `sequence`-th request of `worker`. */
  body(worker: number, sequence: number): string;
}

export interface LoadResult {
  requests: number;
  /** Responses with a status outside 200 to 299, and requests that failed. */
  errors: number;
  /** Response counts by status, with `error` for requests without a response. */
  statuses: Record<string, number>;
  elapsedMs: number;
  latenciesMs: number[];
}

export interface Exchange {
  status: number;
  body: string;
  latencyMs: number;
}

/** Runs the closed loop and returns every latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + options.durationMs;
  let issued = 0;

  const worker = async (index: number): Promise<void> => {
    for (let sequence = 0; performance.now() < deadline && issued < (options.maxRequests ?? Infinity); sequence += 1) {
      issued += 1;
      const key = await postOnce(options.url, options.body(index, sequence), agent).then(
        (exchange) => {
          latenciesMs.push(exchange.latencyMs);
          return String(exchange.status);
        },
        () => 'error',
      );
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const elapsedMs = performance.now() - started;
  agent.destroy();

  const errors = Object.entries(statuses)
    .filter(([status]) => !/^2\d\d$/.test(status))
    .reduce((sum, [, count]) => sum + count, 0);
  return { requests: issued, errors, statuses, elapsedMs, latenciesMs };
}

/** Sends all bodies at once, each on its own connection, and returns the exchanges in body order. */
export async function postBurst(url: string, bodies: string[]): Promise<Exchange[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: bodies.length });
  try {
    return await Promise.all(bodies.map((body) => postOnce(url, body, agent)));
  } finally {
    agent.destroy();
  }
}

/** POSTs one JSON body and reads the whole response. */
export function postOnce(url: string, body: string, agent?: http.Agent): Promise<Exchange> {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': payload.length },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), latencyMs: performance.now() - started });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}
