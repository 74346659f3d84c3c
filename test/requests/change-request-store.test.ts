import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRequestStore } from '../../src/requests/change-request-store.js';
import { RequestStoreError } from '../../src/requests/request-store-error.js';
import { approve, cancel, expire, failRun, requestRetry, submit, succeedRun } from '../../src/requests/transitions.js';
import type { ChangeRequest } from '../../src/requests/types.js';
import type { RunState } from '../../src/sso/types.js';
import { MemoryStorage } from '../../src/storage/memory-storage.js';
import { StorageError, type StateStorage } from '../../src/storage/types.js';
import { BACKENDS, manualClock, type Backend } from './backends.js';
import {
  OTHER_TENANT_ID,
  RULES,
  T0,
  actor,
  approverA,
  minutesAfter,
  newRequest,
  requester,
  scriptedRandom,
  stored,
} from './fixtures.js';

const LEASE = { owner: 'bot-1', leaseMs: 60_000 };
const approvers = ['Bianca', 'Cedric', 'Dora', 'Elias', 'Fiona', 'Gemma', 'Hanna', 'Ivo'].map((name) => actor(name));
const progress: RunState = {
  steps: [{ stepId: 'instantiate', status: 'succeeded', attempts: 1, graphRequestIds: ['graph-req-1'] }],
  outputs: { servicePrincipalId: 'sp-1' },
  created: [{ type: 'application', id: 'app-1', stepId: 'instantiate' }],
};

describe.each(BACKENDS)('ChangeRequestStore on %s', (_name, openBackend) => {
  let backend: Backend;
  let clock: ReturnType<typeof manualClock>;
  let store: ChangeRequestStore;

  beforeEach(async () => {
    backend = await openBackend();
    clock = manualClock(T0);
    store = new ChangeRequestStore({ storage: backend.storage, now: clock.now });
  });

  afterEach(async () => {
    await backend.cleanup();
  });

  async function approvedRequest(): Promise<ChangeRequest> {
    const created = await store.create(newRequest());
    const result = await store.update(created.id, (current) => approve(current, approverA, { planHash: 'hash-1', round: 1, isApprover: true, rules: RULES }, T0));
    if (!result.ok) throw new Error(result.refusal.code);
    return result.request;
  }

  it('creates and reads a request with an eTag', async () => {
    const created = await store.create(newRequest({ state: 'draft' }));
    expect(created.id).toMatch(/^CR-[0-9A-HJKMNP-TV-Z]{4}$/);
    const read = await store.get(created.id);
    expect(read).toMatchObject({ id: created.id, state: 'draft', requester: stored(requester) });
    expect(read?.eTag).toEqual(expect.any(String));
  });

  it('draws a longer id when the id is taken', async () => {
    const zeros = new ChangeRequestStore({ storage: backend.storage, random: scriptedRandom([[0]]) });
    expect((await zeros.create(newRequest())).id).toBe('CR-0000');
    expect((await zeros.create(newRequest())).id).toBe('CR-00000');
    expect((await zeros.create(newRequest())).id).toBe('CR-000000');
  });

  it('applies a transition and returns refusals', async () => {
    const created = await store.create(newRequest({ state: 'draft' }));
    const submitted = await store.update(created.id, (current) => submit(current, requester, RULES, T0));
    expect(submitted).toMatchObject({ ok: true, changed: true, request: { state: 'pending-approval' } });

    const again = await store.update(created.id, (current) => submit(current, requester, RULES, T0));
    expect(again).toMatchObject({ ok: true, changed: false });

    const foreign = actor('Bianca', { tenantId: OTHER_TENANT_ID });
    const refused = await store.update(created.id, (current) => cancel(current, foreign, { isApprover: true }, T0));
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'foreign_tenant' } });
    expect((await store.get(created.id))?.state).toBe('pending-approval');
  });

  it('refuses an unknown id with not_found', async () => {
    expect(await store.update('CR-ZZZZ', (current) => current)).toMatchObject({ ok: false, refusal: { code: 'not_found' } });
    expect(await store.get('CR-ZZZZ')).toBeUndefined();
  });

  it('turns concurrent approvals into one decision', async () => {
    const created = await store.create(newRequest());
    const input = { planHash: 'hash-1', round: 1, isApprover: true, rules: RULES };
    const results = await Promise.all(
      approvers.map((person) => store.update(created.id, (current) => approve(current, person, input, clock.now()))),
    );

    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.ok ? winners[0].request.approvals[0]?.approver : undefined;
    for (const result of results.filter((candidate) => !candidate.ok)) {
      expect(result).toMatchObject({ ok: false, refusal: { code: 'already_decided', decided: { action: 'approved', by: winner } } });
    }
    const final = await store.get(created.id);
    expect(final?.state).toBe('approved');
    expect(final?.approvals).toHaveLength(1);
  });

  it('lets exactly one concurrent claim run the plan', async () => {
    const approved = await approvedRequest();
    const owners = ['bot-1', 'bot-2', 'bot-3', 'bot-4', 'bot-5'];
    const results = await Promise.all(owners.map((owner) => store.claimRun(approved.id, { owner, leaseMs: 60_000 })));

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.refusal.code)).toEqual(
      Array(owners.length - 1).fill('already_running'),
    );
    expect(await store.listRunning()).toHaveLength(1);
  });

  it('takes a run over only after the lease expired', async () => {
    const approved = await approvedRequest();
    expect((await store.claimRun(approved.id, LEASE)).ok).toBe(true);

    clock.set(minutesAfter(T0, 0.5));
    expect(await store.resumeRun(approved.id, { owner: 'bot-2', leaseMs: 60_000 })).toMatchObject({ ok: false, refusal: { code: 'already_running', lease: { owner: 'bot-1' } } });

    clock.set(minutesAfter(T0, 1));
    const takeover = await store.resumeRun(approved.id, { owner: 'bot-2', leaseMs: 60_000 });
    expect(takeover).toMatchObject({ ok: true, request: { runLease: { owner: 'bot-2' } } });

    const oldRunner = store.progressStoreFor(approved.id, LEASE);
    await expect(oldRunner.save(progress)).rejects.toMatchObject({ code: 'lease_lost' });
    await expect(oldRunner.save(progress)).rejects.toBeInstanceOf(RequestStoreError);
  });

  it('saves run progress for the lease holder', async () => {
    const approved = await approvedRequest();
    await store.claimRun(approved.id, LEASE);
    clock.set(minutesAfter(T0, 0.5));
    await store.progressStoreFor(approved.id, LEASE).save(progress);

    const saved = await store.get(approved.id);
    expect(saved?.run).toEqual(progress);
    expect(saved?.runLease?.until).toBe(minutesAfter(T0, 1.5).toISOString());
  });

  it('lists runnable requests after approval and drops finished ones', async () => {
    const approved = await approvedRequest();
    expect((await store.listRunnable()).map((request) => request.id)).toEqual([approved.id]);
    expect(await store.listRunning()).toEqual([]);

    await store.claimRun(approved.id, LEASE);
    expect((await store.listRunning()).map((request) => request.id)).toEqual([approved.id]);

    await store.update(approved.id, (current) => succeedRun(current, 'bot-1', {}, T0));
    expect(await store.listRunnable()).toEqual([]);
  });

  it('sweeps expired requests once', async () => {
    const due = await store.create(newRequest({ expiresAt: minutesAfter(T0, 10).toISOString() }));
    const draft = await store.create(newRequest({ state: 'draft', expiresAt: minutesAfter(T0, 20).toISOString() }));
    const later = await store.create(newRequest({ expiresAt: minutesAfter(T0, 60).toISOString() }));

    const now = minutesAfter(T0, 30);
    const expired = await store.listExpired(now);
    expect(expired.map((request) => request.id).sort()).toEqual([due.id, draft.id].sort());

    for (const request of expired) {
      expect((await store.update(request.id, (current) => expire(current, now))).ok).toBe(true);
    }
    expect(await store.listExpired(now)).toEqual([]);
    expect((await store.get(due.id))?.state).toBe('expired');
    expect((await store.get(later.id))?.state).toBe('pending-approval');
  });

  it('returns an expired retry round to the expiry sweep', async () => {
    const approved = await approvedRequest();
    await store.claimRun(approved.id, LEASE);
    await store.update(approved.id, (current) => failRun(current, 'bot-1', { run: progress }, T0));
    await store.update(approved.id, (current) => requestRetry(current, requester, { isApprover: false, rules: RULES }, T0));

    const afterTtl = new Date(T0.getTime() + RULES.approvalTtlMs);
    expect((await store.listExpired(afterTtl)).map((request) => request.id)).toEqual([approved.id]);
    await store.update(approved.id, (current) => expire(current, afterTtl));
    expect((await store.get(approved.id))?.state).toBe('failed');
    expect(await store.listExpired(afterTtl)).toEqual([]);
  });

  it('records every state change in the history', async () => {
    const approved = await approvedRequest();
    await store.claimRun(approved.id, LEASE);
    await store.update(approved.id, (current) => succeedRun(current, 'bot-1', { run: progress }, T0));

    const final = await store.get(approved.id);
    expect(final?.history.map((entry) => entry.state)).toEqual(['draft', 'approved', 'running', 'succeeded']);
    expect(final?.history[1]?.by).toEqual(stored(approverA));
    expect(final?.run?.steps[0]?.graphRequestIds).toEqual(['graph-req-1']);
  });
});

describe('ChangeRequestStore failure modes', () => {
  it('gives up with contention after bounded attempts', async () => {
    const memory = new MemoryStorage();
    const conflicting: StateStorage = {
      read: (keys) => memory.read(keys),
      write: async (changes) => {
        if (Object.values(changes).some((item) => item.eTag !== undefined)) throw new StorageError('etag_conflict', 'changed');
        return memory.write(changes);
      },
      delete: (keys) => memory.delete(keys),
      listKeys: (prefix) => memory.listKeys(prefix),
      ping: () => memory.ping(),
      close: () => memory.close(),
    };
    const store = new ChangeRequestStore({ storage: conflicting, maxAttempts: 3 });
    const created = await store.create(newRequest());
    let calls = 0;
    const counting = (current: ChangeRequest) => {
      calls += 1;
      return { ...current, parameters: { attempt: calls } };
    };

    await expect(store.update(created.id, counting)).rejects.toMatchObject({ code: 'contention' });
    expect(calls).toBe(3);
  });

  it('rejects a stored document that is no change request', async () => {
    const memory = new MemoryStorage();
    await memory.write({ 'request/CR-BAD1': { id: 'CR-BAD1', state: 'unknown' } });
    const store = new ChangeRequestStore({ storage: memory });
    await expect(store.get('CR-BAD1')).rejects.toMatchObject({ code: 'invalid_document' });
  });
});
