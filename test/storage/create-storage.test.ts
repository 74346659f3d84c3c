import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStorage } from '../../src/storage/blob-storage.js';
import { createStorage, parseStorageSpec } from '../../src/storage/create-storage.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';

const directory = mkdtempSync(join(tmpdir(), 'create-storage-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const unusedCredential = {
  getToken: async () => {
    throw new Error('The test credential is never asked for a token.');
  },
};

describe('parseStorageSpec', () => {
  it.each([
    ['memory:', { kind: 'memory' }],
    ['sqlite:./data/state.sqlite', { kind: 'sqlite', path: './data/state.sqlite' }],
    ['sqlite:/var/lib/bot/state.sqlite', { kind: 'sqlite', path: '/var/lib/bot/state.sqlite' }],
    ['azure-blob://bot-state', { kind: 'azure-blob', container: 'bot-state' }],
    ['azure-blob://bot-state/', { kind: 'azure-blob', container: 'bot-state' }],
  ])('parses %s', (spec, expected) => {
    expect(parseStorageSpec(spec)).toEqual(expected);
  });

  it.each(['', 'sqlite:', 'postgres://db', 'azure-blob://Bot_State', 'azure-blob://ab', 'azure-blob://a--b', 'memory'])(
    'rejects %j',
    (spec) => {
      expect(() => parseStorageSpec(spec)).toThrow(expect.objectContaining({ code: 'invalid_config' }));
    },
  );
});

describe('createStorage', () => {
  it('creates memory storage', async () => {
    const store = createStorage('memory:');

    expect(store).toBeInstanceOf(MemoryStorage);
  });

  it('resolves a relative SQLite path against the base directory', async () => {
    const store = createStorage('sqlite:./nested/state.sqlite', { baseDir: directory });
    try {
      expect(store).toBeInstanceOf(SqliteStorage);
      expect((store as SqliteStorage).path).toBe(join(directory, 'nested', 'state.sqlite'));
    } finally {
      await store.close();
    }
  });

  it('accepts a parsed spec from the configuration', async () => {
    const store = createStorage({ kind: 'sqlite', path: join(directory, 'parsed.sqlite') });
    try {
      expect(store).toBeInstanceOf(SqliteStorage);
    } finally {
      await store.close();
    }
  });

  it('creates blob storage from an account URL and a credential', () => {
    const store = createStorage('azure-blob://bot-state', {
      accountUrl: 'https://account.blob.core.windows.net/',
      credential: unusedCredential,
    });

    expect(store).toBeInstanceOf(BlobStorage);
  });

  it('prefers the account URL of a parsed spec', () => {
    const store = createStorage(
      { kind: 'azure-blob', container: 'bot-state', accountUrl: 'https://account.blob.core.windows.net' },
      { credential: unusedCredential },
    );

    expect(store).toBeInstanceOf(BlobStorage);
  });

  it('rejects blob storage without a way to connect', () => {
    expect(() => createStorage('azure-blob://bot-state')).toThrow(expect.objectContaining({ code: 'invalid_config' }));
  });
});
