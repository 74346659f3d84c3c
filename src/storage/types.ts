// The storage contract shared by every backend. It has the shape of botbuilder's
// `Storage` interface (read, write with eTag, delete), so a backend can also be
// handed to botbuilder, plus key listing and a health check that the bot needs.

/** A stored document. `eTag` is set by the backend on read and checked on write. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

export type StoreItems = Record<string, StoreItem>;

export interface StateStorage {
  /** Reads the documents that exist. Missing keys are absent from the result. */
  read(keys: string[]): Promise<StoreItems>;

  /**
   * Writes documents. A document whose `eTag` is a value other than `'*'` is
   * written only if the stored eTag still matches, otherwise the write fails
   * with `StorageError` code `etag_conflict`. A document without an eTag, or
   * with `'*'`, is written unconditionally.
   */
  write(changes: StoreItems): Promise<void>;

  delete(keys: string[]): Promise<void>;

  /** Lists the stored keys that start with `prefix`, in ascending key order. */
  listKeys(prefix: string): Promise<string[]>;

  /** Checks that the backend responds. Rejects with `StorageError` when it does not. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

export type StorageErrorCode = 'etag_conflict' | 'unavailable' | 'invalid_key' | 'invalid_config';

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEtagConflict(error: unknown): boolean {
  return error instanceof StorageError && error.code === 'etag_conflict';
}
