export type {
  ApprovalConfig,
  BotAppType,
  BotCredentials,
  Config,
  GraphConfig,
  GraphCredentialKind,
  LogLevel,
  StateStoreConfig,
} from './config.js';
export { ConfigError } from './config-error.js';
export { configDefaults } from './defaults.js';
export { parseDurationSeconds } from './durations.js';
export { loadConfig } from './load-config.js';
export { isLoopbackUrl } from './loopback.js';
