import { resolve } from 'node:path';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { BlobStorage } from './blob-storage.js';
import { MemoryStorage } from './memory-storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import { StorageError, type StateStorage } from './types.js';

/** A parsed `STATE_STORE` value. */
export type StorageSpec =
  | { kind: 'memory' }
  | { kind: 'sqlite'; path: string }
  | { kind: 'azure-blob'; container: string; connectionString?: string; accountUrl?: string };

export interface CreateStorageOptions {
  /** Used for `azure-blob://`; takes precedence over `accountUrl`. */
  connectionString?: string;
  /** Used for `azure-blob://` when no connection string is given. */
  accountUrl?: string;
  /**
   * Signs in to the account URL. Without one, `DefaultAzureCredential` is
   * used, which in App Service finds the user-assigned managed identity
   * named by AZURE_CLIENT_ID.
   */
  credential?: TokenCredential;
  /** Base directory for relative SQLite paths; the working directory by default. */
  baseDir?: string;
}

const USAGE = 'Use sqlite:<file path>, memory: or azure-blob://<container>.';
// Azure container names: 3 to 63 lowercase letters, digits and single hyphens.
const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/** Parses a `STATE_STORE` value such as `sqlite:./data/state.sqlite`, `memory:` or `azure-blob://bot-state`. */
export function parseStorageSpec(spec: string): StorageSpec {
  if (spec === 'memory:') return { kind: 'memory' };

  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (path === '') throw invalidConfig(`The state store "${spec}" names no file. ${USAGE}`);
    return { kind: 'sqlite', path };
  }

  if (spec.startsWith('azure-blob://')) {
    const container = spec.slice('azure-blob://'.length).replace(/\/+$/, '');
    if (!CONTAINER_NAME.test(container)) {
      throw invalidConfig(`The state store "${spec}" has an invalid container name. ${USAGE}`);
    }
    return { kind: 'azure-blob', container };
  }

  throw invalidConfig(`The state store "${spec}" is not a known kind. ${USAGE}`);
}

/** Creates the storage backend a `STATE_STORE` value (or its parsed form) names. */
export function createStorage(spec: string | StorageSpec, options: CreateStorageOptions = {}): StateStorage {
  const parsed = typeof spec === 'string' ? parseStorageSpec(spec) : spec;
  switch (parsed.kind) {
    case 'memory':
      return new MemoryStorage();
    case 'sqlite':
      return new SqliteStorage(resolve(options.baseDir ?? process.cwd(), parsed.path));
    case 'azure-blob':
      return createBlobStorage(parsed.container, {
        ...options,
        connectionString: parsed.connectionString ?? options.connectionString,
        accountUrl: parsed.accountUrl ?? options.accountUrl,
      });
  }
}

function createBlobStorage(container: string, options: CreateStorageOptions): BlobStorage {
  if (options.connectionString) {
    return new BlobStorage({ container, connectionString: options.connectionString });
  }
  if (options.accountUrl) {
    const credential = options.credential ?? new DefaultAzureCredential();
    return new BlobStorage({ container, accountUrl: options.accountUrl, credential });
  }
  throw invalidConfig(
    'Azure Blob state storage needs AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL.',
  );
}

function invalidConfig(message: string): StorageError {
  return new StorageError('invalid_config', message);
}
