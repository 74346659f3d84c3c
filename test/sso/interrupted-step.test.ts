import { afterEach, expect, it } from 'vitest';
import type { RunState } from '../../src/sso/index.js';
import { applicationsOf, planFor, runWith, startHarness, type Harness } from './support/engine-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

it('adopts the instance of an instantiate left in flight by a crash', async () => {
  harness = await startHarness();
  const plan = await planFor(harness);
  // The crashed process sent the POST, which took effect, and died before it recorded anything.
  await harness.gateway.instantiateTemplate(plan.steps[0]!.params.templateId as string, 'GoToMeeting');
  const saved: RunState = {
    steps: plan.steps.map((step) => ({ stepId: step.id, status: step.id === 'instantiate' ? 'running' : 'pending', attempts: step.id === 'instantiate' ? 1 : 0, graphRequestIds: [] })),
    outputs: {},
    created: [],
  };

  const resumed = await runWith(harness, plan, { state: saved });

  expect(resumed.result.status).toBe('succeeded');
  expect(harness.emulator.requestLog().filter((entry) => entry.path.endsWith('/instantiate'))).toHaveLength(1);
  expect(applicationsOf(harness)).toHaveLength(1);
  expect(resumed.result.state.created.map((object) => object.type)).toContain('application');
});
