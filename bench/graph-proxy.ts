// A loopback HTTP proxy in front of the tenant emulator. The bot keeps one
// Graph endpoint for its whole life, and the proxy can be pointed at a fresh
// emulator for each measured set-up, so one warm bot process sets up
// GoToMeeting several times, each time in an empty tenant.

import http from 'node:http';
import { listenOnLoopback } from '../test/support/loopback-server.js';

export interface GraphProxy {
  /** The Graph endpoint to give the bot. */
  url: string;
  /** Sends later requests to this emulator base URL. */
  setTarget(url: string): void;
  close(): Promise<void>;
}

export async function startGraphProxy(): Promise<GraphProxy> {
  let target: URL | undefined;
  let agent = new http.Agent({ keepAlive: true });

  const server = http.createServer((request, response) => {
    if (target === undefined) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'The benchmark proxy has no emulator yet.' } }));
      return;
    }
    const forwarded = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host }, agent },
      (upstream) => {
        response.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  const listener = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${listener.port}`,
    setTarget(url) {
      target = new URL(url);
      // Connections to the previous emulator must not carry requests to the next one.
      agent.destroy();
      agent = new http.Agent({ keepAlive: true });
    },
    async close() {
      agent.destroy();
      await listener.close();
    },
  };
}
