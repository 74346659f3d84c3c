import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { isEtagConflict, type StateStorage, type StoreItem } from '../storage/types.js';
import type { Refusal } from './refusal.js';
import { checklistKey } from './request-index.js';
import { RequestStoreError } from './request-store-error.js';
import { checkActor, recordedActor } from './transition-support.js';
import type { Actor, ChangeRequest, ChecklistState } from './types.js';

const checklistSchema = z.looseObject({
  requestId: z.string(),
  tenantId: z.string(),
  items: z.record(z.string(), z.looseObject({ done: z.boolean(), at: z.string() })),
  eTag: z.string().min(1),
});

interface StoredChecklist extends ChecklistState {
  tenantId: string;
}

/**
 * The vendor-side checklist of a request: item id → who ticked it and when.
 * Every tick is a compare-and-swap on the checklist document's eTag.
 */
export class ChecklistStore {
  constructor(
    private readonly storage: StateStorage,
    private readonly maxAttempts: number,
  ) {}

  /**
   * Creates the empty checklist of a request, unless it exists. Call it once,
   * from the instance whose run finished the request, before the checklist
   * card is posted, so that no tick can race the first write.
   */
  async create(request: Pick<ChangeRequest, 'id' | 'tenantId'>): Promise<ChecklistState> {
    const existing = await this.read(request.id);
    if (existing) return existing;

    const document: StoredChecklist = { requestId: request.id, tenantId: request.tenantId, items: {} };
    await this.storage.write({ [checklistKey(request.id)]: { ...document } });
    return document;
  }

  async get(requestId: string): Promise<ChecklistState | undefined> {
    return this.read(requestId);
  }

  /** Ticks or unticks one item for `actor`, who must belong to the request's tenant. */
  async setItem(requestId: string, itemId: string, actor: Actor, done: boolean, now: Date): Promise<ChecklistState | Refusal> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const current = await this.read(requestId);
      if (!current) throw new RequestStoreError('not_found', `The checklist of ${requestId} was not found. It is created when the run succeeds.`);

      const refusal = checkActor({ id: requestId, state: 'succeeded', tenantId: current.tenantId }, actor);
      if (refusal) return refusal;

      const items = { ...current.items, [itemId]: { done, by: recordedActor(actor), at: now.toISOString() } };
      const next: StoredChecklist = { ...current, items };
      try {
        await this.storage.write({ [checklistKey(requestId)]: next as unknown as StoreItem });
      } catch (error) {
        if (!isEtagConflict(error)) throw error;
        await delay(Math.floor(Math.random() * 5 * attempt));
        continue;
      }
      const { eTag: _stale, ...written } = next;
      return written;
    }
    throw new RequestStoreError('contention', `The checklist of ${requestId} changed concurrently on every update attempt. Tick the item again.`);
  }

  private async read(requestId: string): Promise<StoredChecklist | undefined> {
    const key = checklistKey(requestId);
    const item = (await this.storage.read([key]))[key];
    if (!item) return undefined;

    const parsed = checklistSchema.safeParse(item);
    if (!parsed.success) {
      throw new RequestStoreError('invalid_document', `Stored document ${key} is not a valid checklist.`, { cause: parsed.error });
    }
    return structuredClone(item) as unknown as StoredChecklist;
  }
}

