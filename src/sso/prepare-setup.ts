import type { DirectoryGateway } from '../directory/index.js';
import { defaultTestUserName, planSetup, type SetupChoices } from './plan-setup.js';
import type { AppProfile } from './profiles/index.js';
import { readTenantState, type TenantState } from './tenant-state.js';
import type { Plan } from './types.js';

/** Reads the tenant and builds the set-up plan for `choices` in one call. */
export async function prepareSetup(
  gateway: DirectoryGateway,
  profile: AppProfile,
  choices: SetupChoices,
  now?: () => Date,
): Promise<{ tenant: TenantState; plan: Plan }> {
  const testUserName = choices.createTestUser ? choices.testUserName ?? defaultTestUserName : undefined;
  const tenant = await readTenantState(gateway, profile, { testUserName, now });
  return { tenant, plan: planSetup(profile, choices, tenant) };
}
