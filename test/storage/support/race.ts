import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { StateStorage } from '../../../src/storage/types.js';

const racerScript = fileURLToPath(new URL('./cas-racer.ts', import.meta.url));

export interface RaceOptions {
  /** `STATE_STORE` value the child processes open. */
  spec: string;
  env: NodeJS.ProcessEnv;
  processes: number;
  rounds: number;
  key: string;
  /** A client in this process, used to reset and inspect the document. */
  store: StateStorage;
}

export interface RoundResult {
  round: number;
  /** What each process reported for its write: `won`, `lost` or `error <code>`. */
  outcomes: string[];
  /** The stored document after the round, without its eTag. */
  stored: Record<string, unknown> | undefined;
}

/**
 * Starts child processes that each hold their own storage client. In every
 * round all of them read the same document first and then all try to write it
 * back with the eTag they read, so exactly one write can succeed.
 */
export async function raceCompareAndSwap(options: RaceOptions): Promise<RoundResult[]> {
  const racers = Array.from({ length: options.processes }, () => startRacer(options));
  try {
    await Promise.all(racers.map((racer) => racer.next()));

    const results: RoundResult[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      await options.store.write({ [options.key]: { round: 0, winner: null } });
      await Promise.all(racers.map((racer) => racer.send('read')));
      const outcomes = await Promise.all(racers.map((racer, index) => racer.send(`write ${round} ${index}`)));

      const { eTag: _eTag, ...stored } = (await options.store.read([options.key]))[options.key] ?? {};
      results.push({ round, outcomes, stored });
    }

    await Promise.all(racers.map((racer) => racer.stop()));
    return results;
  } finally {
    racers.forEach((racer) => racer.kill());
  }
}

interface Racer {
  next(): Promise<string>;
  send(command: string): Promise<string>;
  stop(): Promise<void>;
  kill(): void;
}

function startRacer(options: RaceOptions): Racer {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', racerScript], {
    env: { ...process.env, ...options.env, STATE_STORE: options.spec, RACE_KEY: options.key },
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  child.once('exit', (code) => {
    for (const pending of waiting.splice(0)) {
      pending.reject(new Error(`The racer process exited with code ${code}: ${stderr}`));
    }
  });

  const next = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  return {
    next,
    send(command) {
      const reply = next();
      child.stdin.write(`${command}\n`);
      return reply;
    },
    async stop() {
      child.stdin.end('exit\n');
      await exited;
    },
    kill() {
      if (child.exitCode === null) child.kill();
    },
  };
}
