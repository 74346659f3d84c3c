import type { StateStorage } from '../storage/types.js';
import { parseRequestDocument } from './request-document.js';
import {
  activePrefix,
  conversationIdOf,
  conversationPrefix,
  expiryFromIndexKey,
  expiryPrefix,
  idFromIndexKey,
  indexKeysFor,
  openPrefix,
  recentPrefix,
  requestKey,
} from './request-index.js';
import { isTerminal } from './transition-support.js';
import type { ChangeRequest, RequestState } from './types.js';

export interface ListQuery {
  tenantId: string;
  /** Only requests in these states; every state when absent. */
  states?: RequestState[];
  limit: number;
  /** Only requests made in this conversation (the ConversationReference's `conversation.id`). */
  conversationId?: string;
}

const DEFAULT_MAX_SCAN = 200;

/**
 * Reads requests through the index keys. An index key is removed only after
 * the request write that makes it stale, and a crash can come between. So
 * every request read is checked against the query, and stale keys of
 * terminal requests are deleted.
 */
export class RequestLister {
  constructor(
    private readonly storage: StateStorage,
    private readonly maxScan = DEFAULT_MAX_SCAN,
  ) {}

  /**
   * Lists matching requests, newest first. It reads at most `maxScan`
   * request documents, so a filter that matches few old requests may return
   * fewer than `limit` even though more exist.
   */
  async list(query: ListQuery): Promise<ChangeRequest[]> {
    const limit = Math.max(1, Math.floor(query.limit));
    const keys = await this.storage.listKeys(this.prefixFor(query));
    const found: ChangeRequest[] = [];

    let scanned = 0;
    for (let start = 0; start < keys.length && found.length < limit && scanned < this.maxScan; ) {
      const batchSize = Math.min(limit - found.length, this.maxScan - scanned);
      const batch = keys.slice(start, start + batchSize);
      start += batch.length;
      scanned += batch.length;

      const requests = await this.readIndexed(batch);
      found.push(...requests.filter((request) => matches(request, query)));
    }
    return found.slice(0, limit);
  }

  async listActive(): Promise<ChangeRequest[]> {
    const keys = await this.storage.listKeys(activePrefix);
    const requests = await this.readIndexed(keys);
    return requests.filter((request) => request.state === 'approved' || request.state === 'running');
  }

  async listExpired(now: Date): Promise<ChangeRequest[]> {
    const keys = await this.storage.listKeys(expiryPrefix);
    const due = keys.filter((key) => expiryFromIndexKey(key) <= now.getTime());
    const requests = await this.readIndexed(due);
    return requests.filter(
      (request) =>
        (request.state === 'draft' || request.state === 'pending-approval') &&
        Date.parse(request.expiresAt) <= now.getTime(),
    );
  }

  private prefixFor(query: ListQuery): string {
    if (query.conversationId) return conversationPrefix(query.tenantId, query.conversationId);
    if (query.states && query.states.length > 0 && query.states.every((state) => !isTerminal(state))) {
      return openPrefix(query.tenantId);
    }
    return recentPrefix(query.tenantId);
  }

  /** Reads the requests behind index keys, in key order, and deletes keys a terminal request no longer needs. */
  private async readIndexed(indexKeys: string[]): Promise<ChangeRequest[]> {
    if (indexKeys.length === 0) return [];
    const ids = indexKeys.map(idFromIndexKey);
    const items = await this.storage.read(ids.map(requestKey));

    const requests: ChangeRequest[] = [];
    const stale: string[] = [];
    indexKeys.forEach((indexKey, position) => {
      const key = requestKey(ids[position] ?? '');
      const item = items[key];
      // A missing request may be one whose creation is under way, so its key stays.
      if (!item) return;
      const request = parseRequestDocument(key, item);
      requests.push(request);
      // Only a terminal request is removed from an index: it never changes
      // again, so no concurrent write can still need the key.
      if (isTerminal(request.state) && !indexKeysFor(request).includes(indexKey)) stale.push(indexKey);
    });

    if (stale.length > 0) await this.storage.delete(stale);
    return requests;
  }
}

function matches(request: ChangeRequest, query: ListQuery): boolean {
  if (request.tenantId.toLowerCase() !== query.tenantId.toLowerCase()) return false;
  if (query.states && query.states.length > 0 && !query.states.includes(request.state)) return false;
  if (query.conversationId && conversationIdOf(request) !== query.conversationId) return false;
  return true;
}
