import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

// The Playground 0.2.28 has no user switcher. Its page requests
// the configuration (GET /_internal/v1/config) and acts as `currentUser`.
// Its API and WebSocket calls go to the page's own origin. So a page served
// through this proxy on another port shares the Playground's conversations
// but acts as another configured member: card clicks reach the bot with that
// member's name and aadObjectId. Typed messages still come from the
// configured current user.

const CONFIG_PATH = '/_internal/v1/config';

export interface UserPageOptions {
  /** The Playground's base URL, such as http://127.0.0.1:56150. */
  playgroundUrl: string;
  /** The Playground user id (`user-id-N` in the generated config) to act as. */
  userId: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningUserPage {
  url: string;
  close(): Promise<void>;
}

interface ConfigUser {
  id: string;
}

interface ConfigConversation {
  /** Ids of the members besides the current user. */
  members?: string[];
}

interface ConfigResponse {
  config: { currentUser: ConfigUser; users: ConfigUser[]; groupChats?: ConfigConversation[]; teams?: ConfigConversation[] };
}

/** Serves the Playground page on 127.0.0.1 as another member of the configuration. */
export async function startUserPage(options: UserPageOptions): Promise<RunningUserPage> {
  const target = new URL(options.playgroundUrl);
  const server = createServer((request, response) => forwardRequest(target, options.userId, request, response));
  // Upgraded WebSocket connections leave the server's bookkeeping, so close() destroys them here.
  const tunnels = new Set<{ destroy(): void }>();
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${rawHeaders(request, target)}\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    tunnels.add(upstream);
    upstream.once('close', () => tunnels.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server, tunnels) };
}

/**
 * Puts `userId` in `currentUser` and the configured current user in its place
 * among the users and the member lists, which name everyone but the current user.
 */
export function switchCurrentUser<T extends ConfigResponse>(body: T, userId: string): T {
  const { currentUser, users } = body.config;
  if (currentUser.id === userId) return body;

  const chosen = users.find((user) => user.id === userId);
  if (!chosen) {
    throw new Error(`User ${userId} is not in the Playground configuration; use one of ${users.map((user) => user.id).join(', ')}.`);
  }
  const swap = (id: string): string => (id === userId ? currentUser.id : id);
  const swapMembers = <C extends ConfigConversation>(conversation: C): C =>
    conversation.members ? { ...conversation, members: conversation.members.map(swap) } : conversation;
  return {
    ...body,
    config: {
      ...body.config,
      currentUser: chosen,
      users: users.map((user) => (user.id === userId ? currentUser : user)),
      ...(body.config.groupChats ? { groupChats: body.config.groupChats.map(swapMembers) } : {}),
      ...(body.config.teams ? { teams: body.config.teams.map(swapMembers) } : {}),
    },
  };
}

function forwardRequest(target: URL, userId: string, request: IncomingMessage, response: ServerResponse): void {
  const rewrite = request.method === 'GET' && request.url === CONFIG_PATH;
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
    (upstreamResponse) => {
      if (!rewrite || upstreamResponse.statusCode !== 200) {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
        return;
      }
      readBody(upstreamResponse)
        .then((text) => {
          const body = JSON.stringify(switchCurrentUser(JSON.parse(text) as ConfigResponse, userId));
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
          response.end(body);
        })
        .catch((error: unknown) => {
          // The page shows its own error when the configuration cannot be loaded.
          console.error(`Could not switch the Playground user to ${userId}:`, error);
          response.writeHead(502);
          response.end();
        });
    },
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
}

function readBody(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function rawHeaders(request: IncomingMessage, target: URL): string {
  const lines: string[] = [];
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] as string;
    const value = name.toLowerCase() === 'host' ? target.host : (request.rawHeaders[index + 1] as string);
    lines.push(`${name}: ${value}\r\n`);
  }
  return lines.join('');
}

function closeServer(server: Server, tunnels: Set<{ destroy(): void }>): Promise<void> {
  for (const tunnel of tunnels) tunnel.destroy();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
