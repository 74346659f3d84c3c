// Starting and closing the stand-in HTTP servers that tests and benchmarks
// run on loopback.

import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackListener {
  port: number;
  /** Destroys open connections, keep-alive ones included, then closes the server. */
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1. It tracks the connections so that `close` need not wait for idle keep-alive sockets. */
export async function listenOnLoopback(server: Server): Promise<LoopbackListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
