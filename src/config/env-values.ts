import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { configDefaults } from './defaults.js';
import { parseDurationSeconds } from './durations.js';

// Readers for single environment variables. Each throws a ConfigError that
// names the variable and the fix.

export type Env = NodeJS.ProcessEnv;

/**
 * Entra ids: a GUID. The last group may have 13 digits because the Microsoft
 * 365 Agents Playground 0.2.28 uses such ids for its mock tenant and users.
 */
export const entraIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

export function valueOrDefault(env: Env, name: keyof typeof configDefaults): string {
  return value(env, name) ?? configDefaults[name];
}

export function readEnum<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  const match = allowed.find((option) => option.toLowerCase() === raw.toLowerCase());
  if (!match) {
    throw new ConfigError(name, `${name} "${raw}" is invalid. Use one of: ${allowed.join(', ')}.`);
  }
  return match;
}

export function readGuid(env: Env, name: string, options: { required: boolean }): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) {
    if (options.required) {
      throw new ConfigError(name, `${name} is missing. Set it to the Entra tenant id (a GUID) that the bot manages.`);
    }
    return undefined;
  }
  if (!entraIdPattern.test(raw)) {
    throw new ConfigError(name, `${name} "${raw}" is not a GUID. Copy the id from the Entra admin center.`);
  }
  return raw.toLowerCase();
}

export function readPort(env: Env): number {
  const raw = valueOrDefault(env, 'PORT');
  const parsed = z.coerce.number().int().min(0).max(65_535).safeParse(raw);
  if (!/^\d+$/.test(raw) || !parsed.success) {
    throw new ConfigError('PORT', `PORT "${raw}" is invalid. Use a TCP port number from 0 to 65535.`);
  }
  return parsed.data;
}

export function readUrl(env: Env, name: 'GRAPH_ENDPOINT' | 'AZURE_AUTHORITY_HOST'): string {
  const raw = valueOrDefault(env, name);
  if (!z.url({ protocol: /^https?$/ }).safeParse(raw).success) {
    throw new ConfigError(name, `${name} "${raw}" is not an http(s) URL. Use a base URL such as ${configDefaults[name]}.`);
  }
  return raw.replace(/\/+$/, '');
}

export function readSeconds(env: Env, name: 'APPROVAL_TTL' | 'GRAPH_MAX_RETRY_AFTER'): number {
  const raw = valueOrDefault(env, name);
  const seconds = parseDurationSeconds(raw);
  if (seconds === undefined) {
    throw new ConfigError(name, `${name} "${raw}" is not a duration. Use a form such as 24h, 90m or 3600s.`);
  }
  return seconds;
}

export function readWholeNumber(env: Env, name: 'MAX_CONCURRENT_RUNS', range: { min: number; max: number }): number {
  const raw = valueOrDefault(env, name);
  const parsed = z.coerce.number().int().min(range.min).max(range.max).safeParse(raw);
  if (!/^\d+$/.test(raw) || !parsed.success) {
    throw new ConfigError(name, `${name} "${raw}" is invalid. Use a whole number from ${range.min} to ${range.max}.`);
  }
  return parsed.data;
}
