import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RunProgressStore } from '../sso/types.js';
import { isEtagConflict, type StateStorage } from '../storage/types.js';
import { ChecklistStore } from './checklist-store.js';
import { isRefusal, refuseMissing, type Refusal } from './refusal.js';
import { parseRequestDocument, toDocument } from './request-document.js';
import { MAX_REQUEST_ID_LENGTH, REQUEST_ID_LENGTH, newRequestId, type RandomSource } from './request-id.js';
import { indexKeysFor, requestKey } from './request-index.js';
import { RequestLister, type ListQuery } from './request-lister.js';
import { RequestStoreError } from './request-store-error.js';
import { recordProgress, renewLease, startRun, takeOverRun, type LeaseInput } from './run-transitions.js';
import type { ChangeRequest, NewChangeRequest } from './types.js';

export type { ListQuery } from './request-lister.js';

export interface ChangeRequestStoreOptions {
  storage: StateStorage;
  logger?: Logger;
  now?: () => Date;
  random?: RandomSource;
  /** Attempts of one update before it fails with `contention`, 8 by default. */
  maxAttempts?: number;
  /** Maximum number of request documents one `list` call reads, 200 by default. */
  maxListScan?: number;
}

export type UpdateResult =
  | { ok: true; request: ChangeRequest; changed: boolean }
  | { ok: false; refusal: Refusal };

/** Computes the next request from the stored one, or refuses. Must be pure: it may run several times. */
export type RequestMutation = (current: ChangeRequest) => ChangeRequest | Refusal;

const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Change requests over a `StateStorage`. Every change is a compare-and-swap
 * on the stored eTag, and index documents keep listing cheap (see
 * `request-index.ts`).
 */
export class ChangeRequestStore {
  readonly checklists: ChecklistStore;
  private readonly storage: StateStorage;
  private readonly logger: Logger | undefined;
  private readonly now: () => Date;
  private readonly random: RandomSource | undefined;
  private readonly maxAttempts: number;
  private readonly lister: RequestLister;

  constructor(options: ChangeRequestStoreOptions) {
    this.storage = options.storage;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.random = options.random;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.lister = new RequestLister(options.storage, options.maxListScan);
    this.checklists = new ChecklistStore(options.storage, this.maxAttempts);
  }

  /**
   * Stores a new request under a fresh id and returns it. When the id is
   * taken, the next candidate is one character longer.
   */
  async create(request: NewChangeRequest): Promise<ChangeRequest> {
    for (let length = REQUEST_ID_LENGTH; length <= MAX_REQUEST_ID_LENGTH; length += 1) {
      const id = newRequestId(this.random, length);
      const existing = await this.storage.read([requestKey(id)]);
      if (existing[requestKey(id)]) continue;

      // NOTE: the storage contract has no create-if-absent write. Two
      // instances that draw the same id at the same moment can both pass the
      // check above, and then the later write replaces the earlier request.
      const created: ChangeRequest = { ...request, id };
      await this.writeIndexKeys(indexKeysFor(created));
      await this.storage.write({ [requestKey(id)]: toDocument(created, undefined) });
      this.logger?.info({ requestId: id, tenantId: created.tenantId, state: created.state }, 'change request created');
      return created;
    }
    throw new RequestStoreError('id_exhausted', 'No free change request id was found at any id length. Check the random source.');
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    const key = requestKey(id);
    const item = (await this.storage.read([key]))[key];
    return item ? parseRequestDocument(key, item) : undefined;
  }

  /**
   * Reads the request, applies `mutate` and writes the result only if the
   * stored eTag is unchanged. On an eTag conflict it reads again and applies
   * `mutate` to the newer request. So of two racing transitions one wins, and
   * the other is computed from the winner's result (usually a refusal).
   */
  async update(id: string, mutate: RequestMutation): Promise<UpdateResult> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const current = await this.get(id);
      if (!current) return { ok: false, refusal: refuseMissing(id) };

      const next = mutate(current);
      if (isRefusal(next)) return { ok: false, refusal: next };
      if (next === current) return { ok: true, request: current, changed: false };

      const written: ChangeRequest = { ...next, id };
      const previousKeys = indexKeysFor(current);
      const nextKeys = indexKeysFor(written);
      // Index keys are added before and removed after the request write, so a
      // request in a state is always findable through that state's index.
      await this.writeIndexKeys(nextKeys.filter((key) => !previousKeys.includes(key)));
      try {
        await this.storage.write({ [requestKey(id)]: toDocument(written, current.eTag) });
      } catch (error) {
        if (!isEtagConflict(error)) throw error;
        this.logger?.debug({ requestId: id, attempt }, 'change request changed concurrently; reading it again');
        await delay(Math.floor(Math.random() * 5 * attempt));
        continue;
      }

      await this.storage.delete(previousKeys.filter((key) => !nextKeys.includes(key)));
      this.logStateChange(current, written);
      const { eTag: _stale, ...request } = written;
      return { ok: true, request, changed: true };
    }
    throw new RequestStoreError('contention', `Change request ${id} changed concurrently on each of ${this.maxAttempts} update attempts. Try again.`);
  }

  /** Lists a tenant's requests, newest first, reading a bounded number of documents. */
  list(query: ListQuery): Promise<ChangeRequest[]> {
    return this.lister.list(query);
  }

  /** Requests in `running`, of every tenant, for resuming after a restart. */
  async listRunning(): Promise<ChangeRequest[]> {
    return (await this.lister.listActive()).filter((request) => request.state === 'running');
  }

  /** Requests in `approved` or `running`: everything a restarted instance may have to claim. */
  listRunnable(): Promise<ChangeRequest[]> {
    return this.lister.listActive();
  }

  /** Drafts and pending requests whose `expiresAt` is not after `now`, for the expiry sweep. */
  listExpired(now: Date): Promise<ChangeRequest[]> {
    return this.lister.listExpired(now);
  }

  /**
   * Claims an approved request for running: approved → running with a lease
   * for `lease.owner`. This compare-and-swap is the exactly-once guarantee.
   * Only the caller that gets `ok: true` may run the plan. Every other caller
   * gets `already_running`, or the refusal for the current state.
   */
  claimRun(id: string, lease: LeaseInput): Promise<UpdateResult> {
    return this.update(id, (current) => startRun(current, lease, this.now()));
  }

  /**
   * Claims a request after a restart: an approved one that no instance
   * started, or a running one whose lease has expired. No two instances run
   * one plan at the same time as long as the holder renews the lease (through
   * progress saves or `renewLease`) before it ends, and stops on `lease_lost`.
   */
  resumeRun(id: string, lease: LeaseInput): Promise<UpdateResult> {
    return this.update(id, (current) => takeOverRun(current, lease, this.now()));
  }

  renewLease(id: string, lease: LeaseInput): Promise<UpdateResult> {
    return this.update(id, (current) => renewLease(current, lease, this.now()));
  }

  /**
   * Returns the run-progress sink for one run. Each save is a compare-and-swap
   * that also renews the lease. A save rejects with `lease_lost` when another
   * instance took the run over, and then the runner must stop.
   */
  progressStoreFor(requestId: string, lease: LeaseInput): RunProgressStore {
    return {
      save: async (state) => {
        const result = await this.update(requestId, (current) => recordProgress(current, lease, state, this.now()));
        if (result.ok) return;
        throw new RequestStoreError('lease_lost', result.refusal.message, { refusal: result.refusal });
      },
    };
  }

  private async writeIndexKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const items = Object.fromEntries(keys.map((key) => [key, { at: this.now().toISOString() }]));
    await this.storage.write(items);
  }

  private logStateChange(previous: ChangeRequest, next: ChangeRequest): void {
    if (previous.state === next.state && next.history.length === previous.history.length) return;
    const entry = next.history.at(-1);
    this.logger?.info(
      { requestId: next.id, tenantId: next.tenantId, from: previous.state, to: next.state, by: entry?.by?.aadObjectId, note: entry?.note },
      'change request updated',
    );
  }
}
