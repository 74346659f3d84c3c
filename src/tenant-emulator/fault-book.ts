import { GraphRequestError } from './graph-error.js';
import type { FaultRule } from './types.js';

interface ArmedRule {
  rule: FaultRule;
  pattern: RegExp;
  calls: number;
}

const STATUS_ERRORS: Record<number, { code: string; message: string }> = {
  429: { code: 'TooManyRequests', message: 'Please retry again later.' },
  503: { code: 'serviceNotAvailable', message: 'The service is temporarily unavailable. Please retry later.' },
  504: { code: 'gatewayTimeout', message: 'The gateway did not receive a timely response. Please retry later.' },
};

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a path glob: `**` spans segments, `*` stays within one. */
export function globToRegExp(glob: string): RegExp {
  const relative = glob.replace(/^\/v1\.0(?=\/|$)/, '');
  const source = relative
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function hitsCall(rule: FaultRule, call: number): boolean {
  const first = rule.nth ?? 1;
  if (rule.times !== undefined) {
    return call >= first && call < first + rule.times;
  }
  return rule.nth === undefined || call === rule.nth;
}

/** Fault rules with per-rule call counters. */
export class FaultBook {
  private armed: ArmedRule[] = [];

  set(rules: FaultRule[]): void {
    this.armed = rules.map((rule) => ({
      rule,
      pattern: typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path,
      calls: 0,
    }));
  }

  rules(): FaultRule[] {
    return this.armed.map(({ rule }) => rule);
  }

  /** Counts the call against every matching rule and returns the rules it hits. */
  hits(method: string, path: string): FaultRule[] {
    const result: FaultRule[] = [];
    for (const entry of this.armed) {
      const methodMatches = entry.rule.method === undefined || entry.rule.method.toUpperCase() === method.toUpperCase();
      if (!methodMatches || !entry.pattern.test(path)) {
        continue;
      }
      entry.calls += 1;
      if (hitsCall(entry.rule, entry.calls)) {
        result.push(entry.rule);
      }
    }
    return result;
  }
}

export function statusFaultError(rule: FaultRule): GraphRequestError {
  const status = rule.status ?? 503;
  const known = STATUS_ERRORS[status] ?? { code: 'generalException', message: 'An injected fault occurred.' };
  const headers: Record<string, string> = rule.retryAfter === undefined ? {} : { 'Retry-After': String(rule.retryAfter) };
  return new GraphRequestError(status, known.code, known.message, undefined, headers);
}

export function totalLatency(rules: FaultRule[]): number {
  return rules.filter((rule) => rule.kind === 'latency').reduce((sum, rule) => sum + (rule.ms ?? 0), 0);
}
