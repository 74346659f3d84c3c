import type { DirectoryGateway } from '../../directory/index.js';
import {
  defaultTestUserName,
  planSetup,
  readTenantState,
  type AppProfile,
  type Plan,
  type SetupChoices,
} from '../../sso/index.js';

export interface PlannedRequest {
  plan: Plan;
  /** True when the app already exists in the tenant, so the plan repairs it. */
  existingInstance: boolean;
}

/**
 * Reads the tenant and builds the set-up plan for the choices. The test
 * user is always read, so the draft can show whether B.Simon already exists
 * even while the test user is not chosen.
 */
export class RequestPlanner {
  constructor(private readonly gateway: DirectoryGateway) {}

  async plan(profile: AppProfile, choices: SetupChoices): Promise<PlannedRequest> {
    const tenant = await readTenantState(this.gateway, profile, { testUserName: choices.testUserName ?? defaultTestUserName });
    return { plan: planSetup(profile, choices, tenant), existingInstance: tenant.application !== undefined };
  }
}
