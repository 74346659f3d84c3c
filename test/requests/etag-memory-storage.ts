// A small in-memory StateStorage that honours eTags like the real backends,
// and a wrapper that counts what callers read. Fakes of our own interface.
import { StorageError, type StateStorage, type StoreItems } from '../../src/storage/types.js';

export class EtagMemoryStorage implements StateStorage {
  private readonly documents = new Map<string, { eTag: string; json: string }>();
  private nextTag = 1;

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.documents.get(key);
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const expected = item.eTag;
      if (expected === undefined || expected === '*') continue;
      if (this.documents.get(key)?.eTag !== expected) {
        throw new StorageError('etag_conflict', `eTag of ${key} does not match`);
      }
    }
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: _eTag, ...document } = item;
      this.documents.set(key, { eTag: String(this.nextTag++), json: JSON.stringify(document) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.documents.delete(key);
  }

  async listKeys(prefix: string): Promise<string[]> {
    return [...this.documents.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}

/** Passes every call through and counts the documents read and the keys listed. */
export class CountingStorage implements StateStorage {
  documentsRead = 0;
  keysListed = 0;
  readKeys: string[] = [];

  constructor(private readonly inner: StateStorage) {}

  async read(keys: string[]): Promise<StoreItems> {
    this.documentsRead += keys.length;
    this.readKeys.push(...keys);
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys = await this.inner.listKeys(prefix);
    this.keysListed += keys.length;
    return keys;
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  resetCounts(): void {
    this.documentsRead = 0;
    this.keysListed = 0;
    this.readKeys = [];
  }
}
