// A StateStorage wrapper that counts what callers read, so tests can bound
// the documents a listing touches.
import type { StateStorage, StoreItems } from '../../src/storage/types.js';

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
