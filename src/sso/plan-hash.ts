import { createHash } from 'node:crypto';
import type { Plan } from './types.js';

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 over the canonical JSON of the plan's kind, profile, choices and steps. */
export function hashPlan(plan: Pick<Plan, 'kind' | 'appProfileId' | 'choices' | 'steps'>): string {
  const { kind, appProfileId, choices, steps } = plan;
  return createHash('sha256').update(canonicalJson({ kind, appProfileId, choices, steps })).digest('hex');
}
