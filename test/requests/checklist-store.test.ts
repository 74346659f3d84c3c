import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRequestStore } from '../../src/requests/change-request-store.js';
import { isRefusal } from '../../src/requests/refusal.js';
import { BACKENDS, type Backend } from './backends.js';
import { OTHER_TENANT_ID, T0, TENANT_ID, actor, minutesAfter, stored } from './fixtures.js';

describe.each(BACKENDS)('ChecklistStore on %s', (_name, openBackend) => {
  let backend: Backend;
  let store: ChangeRequestStore;
  const request = { id: 'CR-7F3K', tenantId: TENANT_ID };

  beforeEach(async () => {
    backend = await openBackend();
    store = new ChangeRequestStore({ storage: backend.storage });
  });

  afterEach(async () => {
    await backend.cleanup();
  });

  it('rejects ticks before the checklist exists', async () => {
    await expect(store.checklists.setItem(request.id, 'configure-vendor', actor('Adele'), true, T0)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records who ticked an item and when', async () => {
    await store.checklists.create(request);
    await store.checklists.setItem(request.id, 'configure-vendor', actor('Adele'), true, T0);
    await store.checklists.setItem(request.id, 'configure-vendor', actor('Bianca'), false, minutesAfter(T0, 1));

    const checklist = await store.checklists.get(request.id);
    expect(checklist?.items['configure-vendor']).toEqual({ done: false, by: stored(actor('Bianca')), at: minutesAfter(T0, 1).toISOString() });
  });

  it('keeps every concurrent tick', async () => {
    await store.checklists.create(request);
    const people = ['Adele', 'Bianca', 'Cedric', 'Dora', 'Elias'].map((name) => actor(name));
    await Promise.all(people.map((person, index) => store.checklists.setItem(request.id, `step-${index}`, person, true, T0)));

    const checklist = await store.checklists.get(request.id);
    expect(Object.keys(checklist?.items ?? {}).sort()).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4']);
  });

  it('rejects a tick from another tenant', async () => {
    await store.checklists.create(request);
    const result = await store.checklists.setItem(request.id, 'step-0', actor('Eddie', { tenantId: OTHER_TENANT_ID }), true, T0);
    expect(isRefusal(result)).toBe(true);
    expect(result).toMatchObject({ code: 'foreign_tenant' });
  });

  it('leaves an existing checklist alone on create', async () => {
    await store.checklists.create(request);
    await store.checklists.setItem(request.id, 'step-0', actor('Adele'), true, T0);
    await store.checklists.create(request);
    expect((await store.checklists.get(request.id))?.items['step-0']?.done).toBe(true);
  });
});
