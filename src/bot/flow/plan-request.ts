import type { DirectoryGateway } from '../../directory/index.js';
import {
  planSetup,
  readTenantState,
  SetupError,
  testUserPrincipalName,
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
 * user's name needs the tenant's default domain, which is read once per
 * planner and kept.
 */
export class RequestPlanner {
  private defaultDomain: string | undefined;

  constructor(private readonly gateway: DirectoryGateway) {}

  async plan(profile: AppProfile, choices: SetupChoices): Promise<PlannedRequest> {
    const testUserPrincipalNameOrNone = choices.createTestUser ? testUserPrincipalName(choices, await this.domain()) : undefined;
    const tenant = await readTenantState(this.gateway, profile, testUserPrincipalNameOrNone ? { testUserPrincipalName: testUserPrincipalNameOrNone } : {});
    this.defaultDomain = tenant.defaultDomain;
    return { plan: planSetup(profile, choices, tenant), existingInstance: tenant.application !== undefined };
  }

  private async domain(): Promise<string> {
    if (this.defaultDomain) return this.defaultDomain;
    const organization = await this.gateway.getOrganization();
    const domains = organization.verifiedDomains ?? [];
    const name = domains.find((domain) => domain.isDefault)?.name ?? domains[0]?.name;
    if (!name) throw new SetupError('incomplete_tenant', 'The organization has no verified domain, so the test user cannot be named.');
    this.defaultDomain = name;
    return name;
  }
}
