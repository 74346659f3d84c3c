import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Azurite {
  /** A connection string for a test account with a key made for this run. */
  connectionString: string;
  /** The account's blob endpoint, e.g. `http://127.0.0.1:41234/ssobottest`. */
  blobEndpoint: string;
  /** The directory where Azurite keeps its data. */
  location: string;
  close(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** Reuse a data directory, for example to restart Azurite on the same data. Removed on close only if Azurite created it. */
  location?: string;
  startTimeoutMs?: number;
}

// Azurite adds the accounts named in AZURITE_ACCOUNTS ("name:key") to its
// built-in development account. Each run uses its own random key, so no
// account key is written down anywhere.
const ACCOUNT_NAME = 'ssobottest';

const azuriteBlob = fileURLToPath(new URL('../../node_modules/.bin/azurite-blob', import.meta.url));
const LISTENING = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts the Azurite blob service on a free loopback port with telemetry off
 * and resolves once it listens. It needs no network other than loopback.
 */
export async function startAzurite(options: StartAzuriteOptions = {}): Promise<Azurite> {
  const ownsLocation = options.location === undefined;
  const location = options.location ?? mkdtempSync(join(tmpdir(), 'azurite-'));
  const accountKey = randomBytes(64).toString('base64');
  const child = spawn(
    azuriteBlob,
    [
      '--blobHost', '127.0.0.1',
      '--blobPort', '0',
      '--location', location,
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AZURITE_ACCOUNTS: `${ACCOUNT_NAME}:${accountKey}` } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (ownsLocation) rmSync(location, { recursive: true, force: true });
  };

  try {
    const serviceUrl = await waitForListening(child.stdout, exited, options.startTimeoutMs ?? 30_000, () => output);
    const blobEndpoint = `${serviceUrl}/${ACCOUNT_NAME}`;
    const connectionString = [
      'DefaultEndpointsProtocol=http',
      `AccountName=${ACCOUNT_NAME}`,
      `AccountKey=${accountKey}`,
      `BlobEndpoint=${blobEndpoint}`,
    ].join(';');
    return { connectionString, blobEndpoint, location, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function waitForListening(
  stdout: NodeJS.ReadableStream,
  exited: Promise<void>,
  timeoutMs: number,
  errorOutput: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms. ${errorOutput()}`)), timeoutMs);
    createInterface({ input: stdout }).on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited before it listened. ${errorOutput()}`));
    });
  });
}
