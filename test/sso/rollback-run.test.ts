import { afterEach, describe, expect, it } from 'vitest';
import { rollbackRun } from '../../src/sso/index.js';
import { applicationsOf, defaultChoices, planFor, runWith, silentLogger, startHarness, type Harness } from './support/engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('rollbackRun', () => {
  it('deletes the instantiated application and keeps the user', async () => {
    harness = await startHarness();
    const { result } = await runWith(harness, await planFor(harness));
    const userId = result.state.created.find((object) => object.type === 'user')!.id;

    const rollback = await rollbackRun({ state: result.state, gateway: harness.gateway, logger: silentLogger });

    expect(applicationsOf(harness)).toEqual([]);
    expect(rollback.deleted.map((object) => object.type).sort()).toEqual(['appRoleAssignment', 'application', 'servicePrincipal']);
    expect(rollback.kept.map((entry) => entry.object.id)).toEqual([userId]);
    expect(harness.emulator.state.users.has(userId)).toBe(true);
    expect(harness.emulator.requestLog().filter((entry) => entry.method === 'DELETE')).toHaveLength(1);
  });

  it('removes only its assignment from an existing app', async () => {
    harness = await startHarness();
    await runWith(harness, await planFor(harness, { ...defaultChoices, createTestUser: false }));
    const repair = await planFor(harness);
    expect(repair.steps.map((step) => step.kind)).toEqual(['create-test-user', 'assign-user']);
    const { result } = await runWith(harness, repair);

    const rollback = await rollbackRun({ state: result.state, gateway: harness.gateway, logger: silentLogger });

    expect(rollback.deleted.map((object) => object.type)).toEqual(['appRoleAssignment']);
    expect(applicationsOf(harness)).toHaveLength(1);
    expect(harness.emulator.state.assignments.size).toBe(0);
  });

  it('repeats without failing', async () => {
    harness = await startHarness();
    const { result } = await runWith(harness, await planFor(harness));
    await rollbackRun({ state: result.state, gateway: harness.gateway, logger: silentLogger });

    const again = await rollbackRun({ state: result.state, gateway: harness.gateway, logger: silentLogger });

    expect(again.deleted.map((object) => object.type)).toContain('application');
    expect(applicationsOf(harness)).toEqual([]);
  });
});
