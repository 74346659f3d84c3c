import type { StateStoreConfig } from './config.js';
import { ConfigError } from './config-error.js';

const usage =
  'Use sqlite:<file path>, memory: (tests only) or azure-blob://<container>.';

/** Parses STATE_STORE and checks that an Azure Blob store has a way to connect. */
export function parseStateStore(
  value: string,
  connectionString: string | undefined,
  accountUrl: string | undefined,
): StateStoreConfig {
  if (value === 'memory:') {
    return { kind: 'memory' };
  }

  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path === '') {
      throw new ConfigError('STATE_STORE', `STATE_STORE "${value}" names no file. ${usage}`);
    }
    return { kind: 'sqlite', path };
  }

  if (value.startsWith('azure-blob://')) {
    return parseBlobStore(value, connectionString, accountUrl);
  }

  throw new ConfigError('STATE_STORE', `STATE_STORE "${value}" is not a known store. ${usage}`);
}

function parseBlobStore(
  value: string,
  connectionString: string | undefined,
  accountUrl: string | undefined,
): StateStoreConfig {
  const container = value.slice('azure-blob://'.length).replace(/\/+$/, '');

  // Azure container names: 3-63 characters, lowercase letters, digits and single hyphens.
  if (!/^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(container)) {
    throw new ConfigError(
      'STATE_STORE',
      `STATE_STORE "${value}" has an invalid container name. ` +
        'Use 3 to 63 lowercase letters, digits and single hyphens, for example azure-blob://sso-bot-state.',
    );
  }

  if (!connectionString && !accountUrl) {
    throw new ConfigError(
      'AZURE_STORAGE_CONNECTION_STRING',
      'STATE_STORE uses Azure Blob Storage but neither AZURE_STORAGE_CONNECTION_STRING nor ' +
        'AZURE_STORAGE_ACCOUNT_URL is set. Set one of them.',
    );
  }

  return { kind: 'azure-blob', container, connectionString, accountUrl };
}
