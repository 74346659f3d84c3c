import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRequestStore } from '../../src/requests/change-request-store.js';
import { cancel } from '../../src/requests/transitions.js';
import type { RequestState } from '../../src/requests/types.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { CountingStorage } from './counting-storage.js';
import { OTHER_TENANT_ID, T0, TENANT_ID, conversationReference, minutesAfter, newRequest, requester } from './fixtures.js';

const REQUESTS = 10_000;
const CHANNEL = '19:channel@thread.tacv2';
const GROUP_CHAT = '19:group-chat@thread.v2';

function seededState(index: number): RequestState {
  return index % 50 === 0 ? 'pending-approval' : 'succeeded';
}

describe('listing 10,000 requests', () => {
  const storage = new CountingStorage(new MemoryStorage());
  const store = new ChangeRequestStore({ storage });

  beforeAll(async () => {
    for (let index = 0; index < REQUESTS; index += 1) {
      const createdAt = new Date(T0.getTime() + index * 1_000).toISOString();
      await store.create(
        newRequest({
          state: seededState(index),
          createdAt,
          expiresAt: minutesAfter(new Date(createdAt), 60).toISOString(),
          conversation: conversationReference(index % 2 === 0 ? CHANNEL : GROUP_CHAT),
        }),
      );
    }
    for (let index = 0; index < 5; index += 1) {
      await store.create(newRequest({ tenantId: OTHER_TENANT_ID, createdAt: T0.toISOString() }));
    }
  }, 120_000);

  beforeEach(() => {
    storage.resetCounts();
  });

  it('lists recent requests newest first from a page of documents', async () => {
    const page = await store.list({ tenantId: TENANT_ID, limit: 20 });
    expect(page).toHaveLength(20);
    expect(page[0]?.createdAt).toBe(new Date(T0.getTime() + (REQUESTS - 1) * 1_000).toISOString());
    const times = page.map((request) => request.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(storage.documentsRead).toBe(20);
  });

  it('lists open requests through the open index', async () => {
    const page = await store.list({ tenantId: TENANT_ID, states: ['pending-approval', 'approved'], limit: 10 });
    expect(page).toHaveLength(10);
    expect(page.every((request) => request.state === 'pending-approval')).toBe(true);
    expect(storage.documentsRead).toBe(10);
    expect(storage.keysListed).toBe(REQUESTS / 50);
  });

  it('lists one conversation through its index', async () => {
    const page = await store.list({ tenantId: TENANT_ID, conversationId: GROUP_CHAT, limit: 15 });
    expect(page).toHaveLength(15);
    expect(page.every((request) => (request.conversation['conversation'] as { id: string }).id === GROUP_CHAT)).toBe(true);
    expect(storage.documentsRead).toBe(15);
  });

  it('reads a few extra documents for a filter on terminal states', async () => {
    const page = await store.list({ tenantId: TENANT_ID, states: ['succeeded'], limit: 10 });
    expect(page).toHaveLength(10);
    expect(storage.documentsRead).toBeLessThanOrEqual(20);
  });

  it('stops at the scan bound when nothing matches', async () => {
    const page = await store.list({ tenantId: TENANT_ID, states: ['rejected'], limit: 10 });
    expect(page).toEqual([]);
    expect(storage.documentsRead).toBe(200);
  });

  it('keeps tenants apart', async () => {
    const page = await store.list({ tenantId: OTHER_TENANT_ID, limit: 50 });
    expect(page).toHaveLength(5);
    expect(page.every((request) => request.tenantId === OTHER_TENANT_ID)).toBe(true);
  });

  it('reads only due requests in the expiry sweep', async () => {
    // Pending requests are every 50th, created a second apart and due an hour later.
    const now = new Date(T0.getTime() + 60 * 60_000 + 200 * 1_000);
    const expired = await store.listExpired(now);
    expect(expired).toHaveLength(5);
    expect(storage.documentsRead).toBe(5);
  });

  it('drops a request from the open index when it closes', async () => {
    const [newest] = await store.list({ tenantId: TENANT_ID, states: ['pending-approval'], limit: 1 });
    if (!newest) throw new Error('no pending request was seeded');
    await store.update(newest.id, (current) => cancel(current, requester, { isApprover: false }, T0));

    storage.resetCounts();
    const page = await store.list({ tenantId: TENANT_ID, states: ['pending-approval'], limit: 1 });
    expect(page[0]?.id).not.toBe(newest.id);
    expect(storage.keysListed).toBe(REQUESTS / 50 - 1);
  });
});
