import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { describeStorageContract } from './contract.js';

const directory = mkdtempSync(join(tmpdir(), 'sqlite-storage-'));
let fileNumber = 0;
let currentFile = '';

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeStorageContract('SqliteStorage', {
  async open() {
    fileNumber += 1;
    currentFile = join(directory, `state-${fileNumber}.sqlite`);
    return new SqliteStorage(currentFile);
  },
  reopen: async () => new SqliteStorage(currentFile),
  childProcessStore: () => ({ spec: `sqlite:${currentFile}`, env: {} }),
});

describe('SqliteStorage', () => {
  const stores: SqliteStorage[] = [];
  const open = (name: string) => {
    const store = new SqliteStorage(join(directory, name));
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('writes nothing when one document of a batch conflicts', async () => {
    const store = open('batch.sqlite');
    await store.write({ 'cr/1': { version: 1 }, 'cr/2': { version: 1 } });
    const read = await store.read(['cr/1', 'cr/2']);
    await store.write({ 'cr/2': { ...read['cr/2'], version: 2 } });

    const stale = { 'cr/1': { ...read['cr/1'], version: 3 }, 'cr/2': { ...read['cr/2'], version: 3 } };
    await expect(store.write(stale)).rejects.toMatchObject({ code: 'etag_conflict' });

    const after = await store.read(['cr/1', 'cr/2']);
    expect(after['cr/1']?.version).toBe(1);
    expect(after['cr/2']?.version).toBe(2);
  });

  it('creates the directory of a new state file', async () => {
    const store = open('nested/deeper/state.sqlite');

    await store.write({ 'cr/1': { ok: true } });

    expect((await store.read(['cr/1']))['cr/1']?.ok).toBe(true);
  });

  it('keeps a new state file private', async () => {
    const store = open('private/state.sqlite');

    await store.write({ 'cr/1': { ok: true } });

    const path = join(directory, 'private/state.sqlite');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    expect(statSync(join(directory, 'private')).mode & 0o777).toBe(0o700);
  });

  it('uses write-ahead logging', () => {
    const store = open('wal.sqlite');
    const database = (store as unknown as { db: { pragma(text: string, options: object): unknown } }).db;

    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('reports a file it cannot open as unavailable', () => {
    expect(() => new SqliteStorage(join(directory, 'batch.sqlite', 'not-a-directory', 'x.sqlite'))).toThrow(
      expect.objectContaining({ code: 'unavailable' }),
    );
  });

  it('fails every call after close', async () => {
    const store = open('closed.sqlite');
    await store.close();

    await expect(store.read(['cr/1'])).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });
});
