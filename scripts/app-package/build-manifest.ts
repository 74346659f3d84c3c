import type { CatalogEntry } from '../../src/commands/index.js';

/** The scopes the bot is installed in; each gets its own command list. */
export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** Teams shows at most 10 commands in one command list. */
export const MAX_MENU_COMMANDS = 10;

/**
 * Catalog entries left out of the command menu because the catalog has more
 * than `MAX_MENU_COMMANDS` entries. Both act on something that already
 * exists (a request id, a finished set-up) rather than starting work, and
 * `help` still lists them.
 */
export const COMMANDS_NOT_IN_MENU: ReadonlySet<string> = new Set(['cancel', 'checklist']);

const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

export interface MenuCommand {
  title: string;
  description: string;
}

export interface ManifestBot {
  botId: string;
  scopes: string[];
  commandLists: Array<{ scopes: string[]; commands: MenuCommand[] }>;
  [property: string]: unknown;
}

export interface TeamsManifest {
  $schema: string;
  id: string;
  bots: ManifestBot[];
  validDomains: string[];
  [property: string]: unknown;
}

/** Lists the commands the manifest offers, in catalog order. */
export function menuCommands(catalog: readonly CatalogEntry[]): MenuCommand[] {
  const commands = catalog
    .filter((entry) => !COMMANDS_NOT_IN_MENU.has(entry.type))
    .map((entry) => ({ title: entry.title, description: entry.description }));

  if (commands.length > MAX_MENU_COMMANDS) {
    throw new Error(
      `The command catalog offers ${commands.length} menu commands but Teams shows at most ${MAX_MENU_COMMANDS}. ` +
        'Add the least needed ones to COMMANDS_NOT_IN_MENU in scripts/app-package/build-manifest.ts.',
    );
  }
  return commands;
}

/**
 * Fills every `${{NAME}}` placeholder in the template with its value and sets
 * one command list per scope from the command catalog. Values are substituted
 * into parsed JSON strings, so quotes or backslashes in a value cannot break
 * the manifest.
 */
export function buildManifest(
  template: unknown,
  values: Readonly<Record<string, string>>,
  catalog: readonly CatalogEntry[],
): TeamsManifest {
  const missing = new Set<string>();
  const filled = fillPlaceholders(template, values, missing) as TeamsManifest;
  if (missing.size > 0) {
    throw new Error(
      `The manifest needs values for ${[...missing].sort().join(', ')}. ` +
        'Set them in env/.env.<name>, env/.env.<name>.user or the environment.',
    );
  }

  const bot = filled.bots[0];
  if (!bot) throw new Error('The manifest template has no bot.');
  const commands = menuCommands(catalog);
  bot.commandLists = BOT_SCOPES.map((scope) => ({ scopes: [scope], commands }));
  return filled;
}

function fillPlaceholders(node: unknown, values: Readonly<Record<string, string>>, missing: Set<string>): unknown {
  if (typeof node === 'string') {
    return node.replace(PLACEHOLDER, (_match, name: string) => {
      const value = values[name];
      if (value === undefined || value === '') {
        missing.add(name);
        return '';
      }
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fillPlaceholders(item, values, missing));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, fillPlaceholders(value, values, missing)]),
    );
  }
  return node;
}
