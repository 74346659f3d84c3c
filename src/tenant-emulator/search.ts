import { GraphRequestError, unsupportedQuery } from './graph-error.js';
import type { JsonObject } from './types.js';

// `$search` on directory objects: clauses like `"displayName:B.Simon"` joined
// by AND or OR. displayName and description match by tokens (each searched
// token is a prefix of some token of the value); other string properties
// match by prefix. Graph accepts it only with `ConsistencyLevel: eventual`.

interface SearchClause {
  property: string;
  term: string;
}

interface SearchExpression {
  clauses: SearchClause[];
  /** Operators between consecutive clauses. */
  joins: Array<'AND' | 'OR'>;
}

const TOKENIZED = new Set(['displayname', 'description']);

function invalidSearch(reason: string): GraphRequestError {
  return new GraphRequestError(400, 'BadRequest', `Invalid $search clause: ${reason}`);
}

/** Rejects `$search` or `$count` on directory objects unless the request sends `ConsistencyLevel: eventual`. */
export function requireEventualConsistency(headers: Record<string, string>, option: '$search' | '$count'): void {
  if (headers['consistencylevel']?.toLowerCase() !== 'eventual') {
    throw unsupportedQuery(
      `Request with ${option} query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'`,
    );
  }
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      value += text[index + 1];
      index += 2;
    } else if (char === '"') {
      return { value, end: index + 1 };
    } else {
      value += char;
      index += 1;
    }
  }
  throw invalidSearch('unterminated double quote.');
}

function toClause(raw: string): SearchClause {
  const colon = raw.indexOf(':');
  if (colon <= 0) {
    throw invalidSearch(`'${raw}' must name a property, as in "displayName:value".`);
  }
  return { property: raw.slice(0, colon), term: raw.slice(colon + 1) };
}

export function parseSearch(text: string): SearchExpression {
  const expression: SearchExpression = { clauses: [], joins: [] };
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    const join = /^(AND|OR)\b/.exec(rest);
    if (space !== null) {
      index += space[0].length;
    } else if (join !== null && expression.clauses.length > expression.joins.length) {
      expression.joins.push(join[1] as 'AND' | 'OR');
      index += join[0].length;
    } else if (rest.startsWith('"') && expression.clauses.length === expression.joins.length) {
      const { value, end } = readQuoted(text, index);
      expression.clauses.push(toClause(value));
      index = end;
    } else {
      throw invalidSearch(`unexpected text at position ${index}; clauses must be in double quotes.`);
    }
  }
  if (expression.clauses.length === 0 || expression.clauses.length !== expression.joins.length + 1) {
    throw invalidSearch('expected one or more quoted clauses joined by AND or OR.');
  }
  return expression;
}

function tokens(value: string): string[] {
  return value.toLowerCase().split(/[\s.\-_,@'()#+]+/).filter((token) => token.length > 0);
}

function matchesClause(item: JsonObject, clause: SearchClause): boolean {
  const entry = Object.entries(item).find(([name]) => name.toLowerCase() === clause.property.toLowerCase());
  const value = entry?.[1];
  if (typeof value !== 'string') {
    return false;
  }
  if (!TOKENIZED.has(clause.property.toLowerCase())) {
    return value.toLowerCase().startsWith(clause.term.toLowerCase());
  }
  const valueTokens = tokens(value);
  return tokens(clause.term).every((term) => valueTokens.some((token) => token.startsWith(term)));
}

export function compileSearch(text: string, searchable: readonly string[], resource: string): (item: JsonObject) => boolean {
  const expression = parseSearch(text);
  for (const clause of expression.clauses) {
    if (!searchable.some((name) => name.toLowerCase() === clause.property.toLowerCase())) {
      throw unsupportedQuery(`The property '${clause.property}' of resource '${resource}' does not support $search.`);
    }
  }
  return (item) => {
    let result = matchesClause(item, expression.clauses[0] as SearchClause);
    expression.joins.forEach((join, index) => {
      const next = matchesClause(item, expression.clauses[index + 1] as SearchClause);
      result = join === 'AND' ? result && next : result || next;
    });
    return result;
  };
}
