import { GraphRequestError, unsupportedQuery } from './graph-error.js';
import { compileFilter, type FilterCapabilities } from './filter-evaluation.js';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import { contextUrl, type RouteContext } from './route-context.js';
import { compileSearch, requireEventualConsistency } from './search.js';
import type { JsonObject } from './types.js';

export interface CollectionSpec {
  /** Resource name in error messages, for example `User`. */
  resource: string;
  /** OData type name, for example `user`. */
  typeName: string;
  /** `@odata.context` fragment, for example `users`. */
  contextFragment: string;
  properties: readonly string[];
  /** Properties returned without `$select`; all properties when omitted. */
  defaultProperties?: readonly string[];
  filters?: FilterCapabilities;
  searchable?: readonly string[];
  /** Whether `$top` pages with `@odata.nextLink`. */
  pageable?: boolean;
  maxTop?: number;
}

const KNOWN_OPTIONS = new Set(['$filter', '$select', '$top', '$skiptoken', '$search', '$count']);

function rejectUnknownOptions(query: URLSearchParams, spec: CollectionSpec): void {
  for (const name of query.keys()) {
    if (name.startsWith('$') && !KNOWN_OPTIONS.has(name)) {
      throw unsupportedQuery(`The query option '${name}' is not supported on resource '${spec.resource}'.`);
    }
  }
  if (query.has('$search') && spec.searchable === undefined) {
    throw unsupportedQuery(`$search is not supported on resource '${spec.resource}'.`);
  }
  if (query.has('$filter') && spec.filters === undefined) {
    throw unsupportedQuery(`$filter is not supported on resource '${spec.resource}'.`);
  }
}

/** Projects an object onto `$select`, or onto the default properties. */
export function selectProperties(item: JsonObject, query: URLSearchParams, spec: CollectionSpec): JsonObject {
  const select = query.get('$select');
  const names =
    select === null || select.trim() === ''
      ? (spec.defaultProperties ?? spec.properties)
      : select.split(',').map((name) => name.trim());
  const result: JsonObject = {};
  for (const name of names) {
    const known = spec.properties.find((property) => property.toLowerCase() === name.toLowerCase());
    if (known === undefined) {
      throw new GraphRequestError(400, 'BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.${spec.typeName}'.`);
    }
    result[known] = item[known] ?? null;
  }
  return result;
}

function parseTop(query: URLSearchParams, spec: CollectionSpec): number | undefined {
  const raw = query.get('$top');
  if (raw === null) {
    return undefined;
  }
  const top = Number(raw);
  const maximum = spec.maxTop ?? 999;
  if (!Number.isInteger(top) || top < 1 || top > maximum) {
    throw new GraphRequestError(400, 'Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and ${maximum} inclusive.`);
  }
  return top;
}

function parseSkipToken(query: URLSearchParams): number {
  const token = query.get('$skiptoken');
  if (token === null) {
    return 0;
  }
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
  if (!Number.isInteger(offset) || offset < 0) {
    throw new GraphRequestError(400, 'Request_BadRequest', 'The $skiptoken value is invalid.');
  }
  return offset;
}

function nextLink(context: RouteContext, request: EmulatedRequest, offset: number): string {
  const query = new URLSearchParams(request.query);
  query.set('$skiptoken', Buffer.from(`offset:${offset}`, 'utf8').toString('base64url'));
  const path = request.path.split('/').map(encodeURIComponent).join('/');
  // Graph writes option names such as `$top` unencoded in its next links.
  const pairs = [...query].map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return `${context.baseUrl}/v1.0${path}?${pairs.join('&')}`;
}

function filterItems(items: JsonObject[], request: EmulatedRequest, spec: CollectionSpec): JsonObject[] {
  let result = items;
  const filter = request.query.get('$filter');
  if (filter !== null) {
    result = result.filter(compileFilter(filter, spec.filters ?? {}, spec.resource));
  }
  const search = request.query.get('$search');
  if (search !== null) {
    requireEventualConsistency(request.headers, '$search');
    result = result.filter(compileSearch(search, spec.searchable ?? [], spec.resource));
  }
  return result;
}

/** Applies `$filter`, `$search`, `$count`, `$top`, paging and `$select` to a collection. */
export function listCollection(
  context: RouteContext,
  request: EmulatedRequest,
  items: JsonObject[],
  spec: CollectionSpec,
): EmulatedResponse {
  rejectUnknownOptions(request.query, spec);
  const matching = filterItems(items, request, spec);
  const top = parseTop(request.query, spec);
  const offset = parseSkipToken(request.query);
  const pageSize = top !== undefined && spec.pageable === true ? top : top ?? matching.length;
  const page = matching.slice(offset, offset + pageSize);
  const body: JsonObject = { '@odata.context': contextUrl(context, spec.contextFragment) };
  if (request.query.get('$count') === 'true') {
    requireEventualConsistency(request.headers, '$count');
    body['@odata.count'] = matching.length;
  }
  if (spec.pageable === true && offset + pageSize < matching.length) {
    body['@odata.nextLink'] = nextLink(context, request, offset + pageSize);
  }
  body.value = page.map((item) => selectProperties(item, request.query, spec));
  return { status: 200, body };
}

/** Rejects list-only options on a single-object read and applies `$select`. */
export function readObject(
  context: RouteContext,
  request: EmulatedRequest,
  item: JsonObject,
  spec: CollectionSpec,
): EmulatedResponse {
  for (const name of request.query.keys()) {
    if (name.startsWith('$') && name !== '$select') {
      throw unsupportedQuery(`The query option '${name}' is not supported when reading one ${spec.typeName}.`);
    }
  }
  const body = { '@odata.context': contextUrl(context, `${spec.contextFragment}/$entity`), ...selectProperties(item, request.query, spec) };
  return { status: 200, body };
}
