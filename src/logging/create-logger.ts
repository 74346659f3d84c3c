import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLine } from './redact-line.js';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, at any of the nesting depths listed. */
const secretFields = [
  'authorization',
  'Authorization',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'idToken',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'clientSecret',
  'client_secret',
  'privateKey',
  'linkSigningKey',
  'connectionString',
  'cookie',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const field of secretFields) {
    paths.push(field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`);
  }
  return paths;
}

/**
 * Creates the process logger: pino JSON lines with the secret fields above
 * replaced by "[redacted]", then `redactLine` over each finished line for
 * secrets at other depths. Tests pass a destination stream to read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'sso-bot' },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
    hooks: { streamWrite: redactLine },
  };
  return destination ? pino(options, destination) : pino(options);
}
