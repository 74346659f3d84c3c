import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { handleControl } from './control-api.js';
import { demoSeed } from './demo-seed.js';
import { EmulatorRuntime } from './emulator-runtime.js';
import { createListener } from './http-listener.js';
import type { FaultRule, StartOptions, TenantEmulator } from './types.js';

type ControllableEmulator = TenantEmulator & { faultRules(): FaultRule[] };

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

function createFacade(runtime: EmulatorRuntime, server: http.Server): ControllableEmulator {
  const { state } = runtime;
  return {
    url: runtime.url,
    tenantId: runtime.seed.tenantId,
    seed: runtime.seed,
    state,
    requestLog: () => runtime.requestLog(),
    clearRequestLog: () => runtime.clearRequestLog(),
    setFaults: (rules) => runtime.setFaults(rules),
    faultRules: () => runtime.faults.rules(),
    setLatency: (ms) => runtime.setLatency(ms),
    setReplicationLag: (lag) => state.replication.configure(lag),
    setSamlModeLag: (lag) => state.samlSwitch.configure(lag),
    signingKeyFor: (thumbprint) => state.signingKeys.get(thumbprint.toUpperCase()),
    close: async () => {
      await closeServer(server);
      runtime.logger.info({ url: runtime.url }, 'tenant emulator stopped');
    },
  };
}

/** Starts a Graph v1.0 tenant emulator on 127.0.0.1 and resolves once it listens. */
export async function startTenantEmulator(options: StartOptions = {}): Promise<TenantEmulator> {
  const logger = options.logger ?? pino({ name: 'tenant-emulator', level: 'warn' });
  const runtime = new EmulatorRuntime(options.seed ?? demoSeed, options, logger);
  let facade: ControllableEmulator | undefined;
  const listener = createListener(runtime, (method, path, body) => handleControl(facade as ControllableEmulator, method, path, body));
  const server = options.https === undefined ? http.createServer(listener) : https.createServer(options.https, listener);

  const port = await listen(server, options.port ?? 0);
  runtime.url = `${options.https === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  facade = createFacade(runtime, server);
  logger.info({ url: runtime.url, tenantId: runtime.seed.tenantId }, 'tenant emulator started');
  return facade;
}
