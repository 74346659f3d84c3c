export { MAX_APP_NAME_LENGTH, parseApp, productNames, readApp, supportedAppsSentence } from './apps.js';
export { commandCatalog, displayUsage, type CatalogEntry } from './catalog.js';
export type { AppRef, Command, CommandOf, CommandType, MentionEntity, ProductKey, UserRef } from './command.js';
export { decodeEntities, normalizeText } from './normalize-text.js';
export { parseCommand } from './parse-command.js';
export { parseRequestId } from './request-id.js';
export { editDistance, suggestCommand } from './suggest-command.js';
