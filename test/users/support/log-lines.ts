import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/logging/index.js';

export interface CollectingLogger {
  logger: Logger;
  /** Every raw JSON line written, in order. */
  lines: string[];
}

/** Creates the product's pino logger at debug level, writing into an array so tests can read every line. */
export function collectingLogger(): CollectingLogger {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
      callback();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}
