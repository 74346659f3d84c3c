import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { assertValidKey, assertValidPrefix, compareKeys, prefixUpperBound } from './keys.js';
import { isConditionalETag, parseDocument, serializeDocument } from './documents.js';
import { StorageError, type StateStorage, type StoreItems } from './types.js';

export interface SqliteStorageOptions {
  /** Time a write waits for another process's write lock, in milliseconds. */
  busyTimeoutMs?: number;
}

interface DocumentRow {
  key: string;
  etag: string;
  document: string;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Key-value documents with eTags in one SQLite file (WAL mode). Several
 * processes may share the file: every write runs in a `BEGIN IMMEDIATE`
 * transaction, so the eTag check and the update cannot interleave with
 * another writer, and a write of several documents is all or nothing.
 */
export class SqliteStorage implements StateStorage {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly writeAll: Database.Transaction<(changes: StoreItems) => void>;

  constructor(readonly path: string, options: SqliteStorageOptions = {}) {
    this.db = openDatabase(path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    this.statements = {
      select: this.db.prepare<[string], DocumentRow>('SELECT key, etag, document FROM documents WHERE key = ?'),
      selectETag: this.db.prepare<[string], { etag: string }>('SELECT etag FROM documents WHERE key = ?'),
      upsert: this.db.prepare<[string, string, string]>(
        `INSERT INTO documents (key, etag, document) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document`,
      ),
      delete: this.db.prepare<[string]>('DELETE FROM documents WHERE key = ?'),
      keysFrom: this.db.prepare<[string], { key: string }>('SELECT key FROM documents WHERE key >= ? ORDER BY key'),
      keysBetween: this.db.prepare<[string, string], { key: string }>(
        'SELECT key FROM documents WHERE key >= ? AND key < ? ORDER BY key',
      ),
    };
    this.writeAll = this.db.transaction((changes: StoreItems) => this.applyChanges(changes));
  }

  async read(keys: string[]): Promise<StoreItems> {
    keys.forEach(assertValidKey);
    return this.guard('read', () => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.statements.select.get(key);
        if (row) items[key] = parseDocument(row.document, row.etag);
      }
      return items;
    });
  }

  async write(changes: StoreItems): Promise<void> {
    Object.keys(changes).forEach(assertValidKey);
    this.guard('write', () => this.writeAll.immediate(changes));
  }

  async delete(keys: string[]): Promise<void> {
    keys.forEach(assertValidKey);
    this.guard('delete', () => {
      this.db.transaction(() => keys.forEach((key) => this.statements.delete.run(key))).immediate();
    });
  }

  async listKeys(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    return this.guard('list', () => {
      const bound = prefixUpperBound(prefix);
      const rows = bound === undefined
        ? this.statements.keysFrom.all(prefix)
        : this.statements.keysBetween.all(prefix, bound);
      return rows.map((row) => row.key).sort(compareKeys);
    });
  }

  async ping(): Promise<void> {
    this.guard('ping', () => this.db.prepare('SELECT 1').get());
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Runs inside the write transaction, so throwing rolls every change back. */
  private applyChanges(changes: StoreItems): void {
    for (const [key, item] of Object.entries(changes)) {
      if (isConditionalETag(item.eTag)) {
        const stored = this.statements.selectETag.get(key);
        if (stored?.etag !== item.eTag) {
          throw new StorageError('etag_conflict', `The document "${key}" was changed or deleted since it was read.`);
        }
      }
      this.statements.upsert.run(key, randomUUID(), serializeDocument(item));
    }
  }

  private guard<T>(operation: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError('unavailable', `SQLite ${operation} failed on ${this.path}.`, { cause: error });
    }
  }
}

function openDatabase(path: string, busyTimeoutMs: number): Database.Database {
  try {
    if (path !== ':memory:') createPrivateFile(path);
    const db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS documents (
      key TEXT PRIMARY KEY,
      etag TEXT NOT NULL,
      document TEXT NOT NULL
    ) WITHOUT ROWID`);
    return db;
  } catch (error) {
    throw new StorageError('unavailable', `Cannot open the SQLite state file ${path}.`, { cause: error });
  }
}

/**
 * Creates the state file readable by its owner only, unless it exists. The
 * documents name people and conversations, and SQLite gives the -wal and
 * -shm files the mode of the database file.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}
