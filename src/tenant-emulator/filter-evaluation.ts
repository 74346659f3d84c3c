import { unsupportedQuery } from './graph-error.js';
import { parseFilter, type FilterLiteral, type FilterNode, type FilterOperator } from './odata-filter.js';
import type { JsonObject } from './types.js';

/**
 * Filter operators a resource accepts, by property. A lambda over a
 * collection is keyed `property/any`, for example `identifierUris/any`.
 */
export type FilterCapabilities = Record<string, readonly FilterOperator[]>;

function unsupportedClause(property: string, resource: string): never {
  throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource '${resource}'.`);
}

function checkSupported(node: FilterNode, capabilities: FilterCapabilities, resource: string): void {
  if (node.kind === 'logical') {
    checkSupported(node.left, capabilities, resource);
    checkSupported(node.right, capabilities, resource);
    return;
  }
  const key = node.kind === 'any' ? `${node.property}/any` : node.property;
  const allowed = Object.entries(capabilities).find(([name]) => name.toLowerCase() === key.toLowerCase());
  if (allowed === undefined || !allowed[1].includes(node.operator)) {
    unsupportedClause(node.property, resource);
  }
}

function propertyValue(item: JsonObject, property: string): unknown {
  const entry = Object.entries(item).find(([name]) => name.toLowerCase() === property.toLowerCase());
  return entry?.[1];
}

/** Directory string comparisons ignore case. */
function matchesOperator(actual: unknown, operator: FilterOperator, expected: FilterLiteral): boolean {
  if (typeof actual !== 'string' || typeof expected !== 'string') {
    const equal = (actual ?? null) === expected;
    return operator === 'ne' ? !equal : operator === 'eq' && equal;
  }
  const left = actual.toLowerCase();
  const right = expected.toLowerCase();
  switch (operator) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'startswith':
      return left.startsWith(right);
    case 'endswith':
      return left.endsWith(right);
    case 'contains':
      return left.includes(right);
  }
}

function matchesNode(item: JsonObject, node: FilterNode): boolean {
  if (node.kind === 'logical') {
    const left = matchesNode(item, node.left);
    return node.operator === 'and' ? left && matchesNode(item, node.right) : left || matchesNode(item, node.right);
  }
  const value = propertyValue(item, node.property);
  if (node.kind === 'any') {
    return Array.isArray(value) && value.some((element) => matchesOperator(element, node.operator, node.value));
  }
  return matchesOperator(value, node.operator, node.value);
}

/** Parses `$filter`, rejects clauses the resource does not support and returns a predicate. */
export function compileFilter(
  text: string,
  capabilities: FilterCapabilities,
  resource: string,
): (item: JsonObject) => boolean {
  const node = parseFilter(text);
  checkSupported(node, capabilities, resource);
  return (item) => matchesNode(item, node);
}
