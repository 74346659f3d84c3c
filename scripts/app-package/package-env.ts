import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export interface PackageEnvOptions {
  /** Directory of the `.env.<name>` files. */
  envDirectory: string;
  /** Variables that override the files, normally `process.env`. */
  overrides?: NodeJS.ProcessEnv;
}

/**
 * Reads the values for one environment: `env/.env.<name>`, then the
 * git-ignored `env/.env.<name>.user`, then the process environment, each
 * overriding the one before. A missing `.env.<name>` file is an error,
 * because a typo in the name would otherwise package empty values.
 */
export function loadPackageEnv(name: string, options: PackageEnvOptions): Record<string, string> {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name)) {
    throw new Error(`Invalid environment name "${name}": use letters, digits and hyphens, for example --env dev.`);
  }

  const mainFile = join(options.envDirectory, `.env.${name}`);
  if (!existsSync(mainFile)) {
    throw new Error(`Environment file ${mainFile} not found. Copy env/.env.example to it and fill in the values.`);
  }

  const values: Record<string, string> = { ...parseEnvFile(mainFile) };
  const userFile = `${mainFile}.user`;
  if (existsSync(userFile)) Object.assign(values, parseEnvFile(userFile));

  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined && value !== '') values[key] = value;
  }
  return values;
}

function parseEnvFile(path: string): Record<string, string> {
  const parsed = parseEnv(readFileSync(path, 'utf8')) as Record<string, string | undefined>;
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
