import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRequestStore } from '../../src/requests/change-request-store.js';
import { approve } from '../../src/requests/transitions.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { temporaryFolder } from './backends.js';
import { RULES, T0, actor, newRequest } from './fixtures.js';

const WORKER = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
const approveInput = { planHash: 'hash-1', round: 1, isApprover: true, rules: RULES };

interface Worker {
  ready: Promise<void>;
  result: Promise<{ owner: string; claimed: string[] }>;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const result = new Promise<{ owner: string; claimed: string[] }>((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`claim worker exited with ${code}: ${errors}`));
      resolve(JSON.parse(output.split('\n').filter((line) => line.startsWith('{'))[0] ?? '{}'));
    });
  });
  return { ready, result };
}

describe('two instances on one SQLite file', () => {
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let databasePath: string;
  let storages: SqliteStorage[];

  beforeEach(async () => {
    folder = await temporaryFolder();
    databasePath = join(folder.path, 'state.sqlite');
    storages = [new SqliteStorage(databasePath), new SqliteStorage(databasePath)];
  });

  afterEach(async () => {
    await Promise.all(storages.map((storage) => storage.close()));
    await folder.remove();
  });

  it('decide and claim once across two storage objects', async () => {
    const [first, second] = storages.map((storage) => new ChangeRequestStore({ storage })) as [ChangeRequestStore, ChangeRequestStore];
    const created = await first.create(newRequest());

    const people = ['Bianca', 'Cedric', 'Dora', 'Elias'].map((name) => actor(name));
    const approvals = await Promise.all(
      people.flatMap((person) => [first, second].map((store) => store.update(created.id, (current) => approve(current, person, approveInput, T0)))),
    );
    expect(approvals.filter((result) => result.ok)).toHaveLength(1);

    const claims = await Promise.all(
      [first, second, first, second].map((store, index) => store.claimRun(created.id, { owner: `bot-${index}`, leaseMs: 60_000 })),
    );
    const winners = claims.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const stored = await second.get(created.id);
    expect(stored?.state).toBe('running');
    expect(winners[0]).toMatchObject({ request: { runLease: { owner: stored?.runLease?.owner } } });
  });

  it('take an expired lease over once', async () => {
    let clock = T0;
    const [first, second] = storages.map((storage) => new ChangeRequestStore({ storage, now: () => clock })) as [ChangeRequestStore, ChangeRequestStore];
    const created = await first.create(newRequest());
    await first.update(created.id, (current) => approve(current, actor('Bianca'), approveInput, T0));
    expect((await first.claimRun(created.id, { owner: 'crashed', leaseMs: 60_000 })).ok).toBe(true);

    clock = new Date(T0.getTime() + 60_000);
    const takeovers = await Promise.all(
      [first, second, first, second].map((store, index) => store.resumeRun(created.id, { owner: `bot-${index}`, leaseMs: 60_000 })),
    );
    expect(takeovers.filter((result) => result.ok)).toHaveLength(1);
    expect(takeovers.filter((result) => !result.ok)).toHaveLength(3);
    expect((await second.get(created.id))?.runLease?.owner).not.toBe('crashed');
  });

  it('claim each request once across two processes', async () => {
    const store = new ChangeRequestStore({ storage: storages[0] as SqliteStorage });
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      const created = await store.create(newRequest());
      await store.update(created.id, (current) => approve(current, actor('Bianca'), approveInput, T0));
      ids.push(created.id);
    }

    const startFile = join(folder.path, 'start');
    const workers = ['process-a', 'process-b'].map((owner) => startWorker([databasePath, owner, startFile, ...ids]));
    await Promise.all(workers.map((worker) => worker.ready));
    await writeFile(startFile, '');
    const [a, b] = await Promise.all(workers.map((worker) => worker.result));

    const claimedTwice = a?.claimed.filter((id) => b?.claimed.includes(id));
    expect(claimedTwice).toEqual([]);
    expect([...(a?.claimed ?? []), ...(b?.claimed ?? [])].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const owner = a?.claimed.includes(id) ? 'process-a' : 'process-b';
      expect((await store.get(id))?.runLease?.owner).toBe(owner);
    }
  });
});
