import { afterEach, describe, expect, it } from 'vitest';
import { rollbackRun } from '../../src/sso/index.js';
import { applicationsOf, planFor, runWith, silentLogger, startHarness, type Harness } from './support/engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Runs the plan and cancels the run once step `stepId` has succeeded. */
function runUntilStepSucceeded(h: Harness, plan: Awaited<ReturnType<typeof planFor>>, stepId: string) {
  const controller = new AbortController();
  return runWith(h, plan, {
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === 'step-succeeded' && event.stepId === stepId) controller.abort();
    },
  });
}

async function expectConverged(h: Harness) {
  expect(applicationsOf(h)).toHaveLength(1);

  // Under replication lag a new assignment is missing from the list for a few reads.
  let again = await planFor(h);
  for (let read = 1; read < 5 && !again.noChanges; read += 1) again = await planFor(h);
  expect(again.noChanges).toBe(true);
}

describe('runPlan under faults', () => {
  it('waits out replication lag of new objects', async () => {
    harness = await startHarness({ replicationLag: { calls: 3 }, samlModeLag: { calls: 2 } });
    const { result, events } = await runWith(harness, await planFor(harness));

    expect(result.failure).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(events.some((event) => event.type === 'step-retried')).toBe(true);
    expect(harness.retries.some((notice) => notice.error.code === 'not_found')).toBe(true);
    expect(harness.retries.some((notice) => notice.error.graphCode === 'HostNameNotOnVerifiedDomain')).toBe(true);
    await expectConverged(harness);
  });

  it('honours Retry-After on a 429', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    harness.emulator.setFaults([{ method: 'PATCH', path: '/servicePrincipals/*', kind: 'status', status: 429, retryAfter: 2, nth: 1 }]);
    const { result, events } = await runWith(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(harness.sleeps).toContain(2000);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-retried', stepId: 'set-saml-mode', delayMs: 2000 }));
    await expectConverged(harness);
  });

  it('resumes after a long Retry-After', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    harness.emulator.setFaults([{ method: 'PATCH', path: '/applications/*', kind: 'status', status: 429, retryAfter: 600 }]);
    const first = await runWith(harness, plan);

    expect(first.result.status).toBe('failed');
    expect(first.result.failure).toMatchObject({ stepId: 'set-identifier', failure: { code: 'throttled', retryAfterSeconds: 600, httpStatus: 429 } });
    expect(first.result.failure?.failure.message).toMatch(/Retry the run after/);
    expect(first.result.failure?.failure.graphRequestId).toBeTruthy();
    expect(harness.sleeps.some((ms) => ms >= 600_000)).toBe(false);

    harness.emulator.setFaults([]);
    const resumed = await runWith(harness, plan, { state: first.progress.latest() });
    expect(resumed.result.status).toBe('succeeded');
    expect(resumed.events.find((event) => event.type === 'step-started')?.stepId).not.toBe('instantiate');
    await expectConverged(harness);
  });

  it('retries 503s on reads and updates', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    harness.emulator.setFaults([
      { method: 'GET', path: '/applications/*', kind: 'status', status: 503, times: 2 },
      { method: 'PATCH', path: '/servicePrincipals/*', kind: 'status', status: 503, retryAfter: 1, times: 2 },
    ]);
    const { result } = await runWith(harness, plan);

    expect(result.status).toBe('succeeded');
    expect(harness.retries.filter((notice) => notice.error.httpStatus === 503).length).toBeGreaterThanOrEqual(4);
    await expectConverged(harness);
  });

  it('finds the instance after a dropped instantiate response', async () => {
    harness = await startHarness({ replicationLag: { calls: 2 } });
    const plan = await planFor(harness);
    harness.emulator.setFaults([{ method: 'POST', path: '/applicationTemplates/*/instantiate', kind: 'drop', drop: 'after', nth: 1 }]);
    const { result } = await runWith(harness, plan);

    expect(result.failure).toBeUndefined();
    expect(result.status).toBe('succeeded');
    const instantiates = harness.emulator.requestLog().filter((entry) => entry.path.endsWith('/instantiate'));
    expect(instantiates).toHaveLength(1);
    expect(instantiates[0]?.dropped).toBe('after');
    expect(result.state.created.map((object) => object.type)).toContain('application');
    await expectConverged(harness);
  });

  it('repeats instantiate dropped before arrival', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    harness.emulator.setFaults([{ method: 'POST', path: '/applicationTemplates/*/instantiate', kind: 'drop', drop: 'before', nth: 1 }]);
    const first = await runWith(harness, plan);

    expect(first.result.failure?.failure.code).toBe('unknown_outcome');
    expect(applicationsOf(harness)).toHaveLength(0);

    const resumed = await runWith(harness, plan, { state: first.progress.latest() });
    expect(resumed.result.status).toBe('succeeded');
    await expectConverged(harness);
  });

  it('resumes after a crash between steps', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    const first = await runUntilStepSucceeded(harness, plan, 'set-saml-mode');
    expect(first.result.status).toBe('cancelled');
    const saved = first.progress.latest()!;
    expect(saved.steps.find((record) => record.stepId === 'instantiate')?.status).toBe('succeeded');

    const resumed = await runWith(harness, plan, { state: saved });

    expect(resumed.result.status).toBe('succeeded');
    expect(resumed.events.filter((event) => event.type === 'step-started').map((event) => event.stepId)).not.toContain('instantiate');
    expect(harness.emulator.requestLog().filter((entry) => entry.path.endsWith('/instantiate'))).toHaveLength(1);
    await expectConverged(harness);
  });

  it('reports an identifier conflict, then rolls back', async () => {
    harness = await startHarness();
    const plan = await planFor(harness);
    const first = await runUntilStepSucceeded(harness, plan, 'instantiate');

    const other = await harness.gateway.instantiateTemplate(plan.steps[0]!.params.templateId as string, 'Other GoToMeeting');
    await harness.gateway.patchServicePrincipal(other.servicePrincipal!.id!, { preferredSingleSignOnMode: 'saml' });
    await harness.gateway.patchApplication(other.application!.id!, { identifierUris: ['https://authentication.logmeininc.com/saml/sp'] });

    const resumed = await runWith(harness, plan, { state: first.progress.latest() });

    expect(resumed.result.status).toBe('failed');
    expect(resumed.result.failure).toMatchObject({ stepId: 'set-identifier', failure: { code: 'conflict', httpStatus: 400 } });
    expect(resumed.result.failure?.failure.message).toContain('already uses the identifier https://authentication.logmeininc.com/saml/sp');
    expect(resumed.result.failure?.remedies.join(' ')).toMatch(/Roll back/);

    const rollback = await rollbackRun({ state: resumed.result.state, gateway: harness.gateway, logger: silentLogger });
    expect(rollback.deleted.map((object) => object.type)).toContain('application');
    expect(rollback.kept.map((entry) => entry.object.type)).toEqual(['user']);
    const remaining = [...harness.emulator.state.applications.values()];
    expect(remaining.map((application) => application.id)).toEqual([other.application!.id]);
  });
});

describe('runPlan twice under list lag', () => {
  it('accepts an existing assignment', async () => {
    harness = await startHarness({ replicationLag: { calls: 2 } });
    const plan = await planFor(harness);
    const first = await runWith(harness, plan);

    const again = await runWith(harness, plan, { state: { ...first.result.state, steps: [] } });

    expect(again.result.failure).toBeUndefined();
    expect(again.result.status).toBe('succeeded');
    expect(harness.emulator.state.assignments.size).toBe(1);
  });
});
