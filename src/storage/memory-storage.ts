import { randomUUID } from 'node:crypto';
import { assertValidKey, assertValidPrefix, compareKeys } from './keys.js';
import { isConditionalETag, parseDocument, serializeDocument } from './documents.js';
import { StorageError, type StateStorage, type StoreItems } from './types.js';

interface StoredDocument {
  eTag: string;
  json: string;
}

/**
 * In-process storage with the same semantics as the persistent backends:
 * documents are stored serialized, so callers never share objects with the
 * store, and a write of several documents is all or nothing.
 */
export class MemoryStorage implements StateStorage {
  private readonly documents = new Map<string, StoredDocument>();

  async read(keys: string[]): Promise<StoreItems> {
    keys.forEach(assertValidKey);
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.documents.get(key);
      if (stored) items[key] = parseDocument(stored.json, stored.eTag);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    for (const [key, item] of entries) {
      assertValidKey(key);
      if (isConditionalETag(item.eTag) && this.documents.get(key)?.eTag !== item.eTag) {
        throw new StorageError('etag_conflict', `The document "${key}" was changed or deleted since it was read.`);
      }
    }
    for (const [key, item] of entries) {
      this.documents.set(key, { eTag: randomUUID(), json: serializeDocument(item) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    keys.forEach(assertValidKey);
    keys.forEach((key) => this.documents.delete(key));
  }

  async listKeys(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    return [...this.documents.keys()].filter((key) => key.startsWith(prefix)).sort(compareKeys);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
