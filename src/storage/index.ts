export { BlobStorage, type BlobStorageOptions } from './blob-storage.js';
export { createStorage, parseStorageSpec, type CreateStorageOptions, type StorageSpec } from './create-storage.js';
export { MemoryStorage } from './memory-storage.js';
export { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
export * from './types.js';
