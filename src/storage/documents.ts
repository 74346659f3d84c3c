import type { StoreItem } from './types.js';

/** True when a write must match the stored eTag: any value except absent, empty or `*`. */
export function isConditionalETag(eTag: unknown): eTag is string {
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*';
}

/** Serializes a document without its `eTag`, which the backend owns. */
export function serializeDocument(item: StoreItem): string {
  const { eTag: _eTag, ...document } = item;
  return JSON.stringify(document);
}

export function parseDocument(json: string, eTag: string): StoreItem {
  return { ...(JSON.parse(json) as Record<string, unknown>), eTag };
}
