// The tenant emulator as a child process, for measurements in which the
// benchmark process must stay free to send requests and time responses:
// fifty runs hitting an in-process emulator would delay the clicks it sends.
//   PORT=0 node --import tsx bench/emulator-process.ts
// It prints one JSON line with its URL once it listens, and is controlled
// through its `/_emulator/` API.

import { pino } from 'pino';
import { startTenantEmulator } from '../src/tenant-emulator/index.js';

const emulator = await startTenantEmulator({ port: Number(process.env.PORT ?? 0), logger: pino({ level: 'warn' }) });
process.stdout.write(`${JSON.stringify({ msg: 'emulator started', url: emulator.url })}\n`);

const stop = (): void => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
