import { hashPlan } from '../plan-hash.js';
import { planSetup } from '../plan-setup.js';
import type { AppProfile } from '../profiles/index.js';
import type { TenantState } from '../tenant-state.js';
import type { Plan } from '../types.js';

/**
 * Plans the changes that bring an existing instance back to the profile:
 * the set-up plan without a test user, keeping the current RelayState when
 * it is one of the profile's choices, as a change request of kind `repair`.
 */
export function planRepair(profile: AppProfile, tenant: TenantState): Plan {
  const allowed = profile.relayStates.map((choice) => choice.url);
  const current = tenant.servicePrincipal?.samlSingleSignOnSettings?.relayState ?? undefined;
  // NOTE: a profile without RelayState choices gets '' here, so a repair of such an app also clears its RelayState.
  const relayState = current !== undefined && allowed.includes(current) ? current : allowed[0] ?? '';

  const setup = planSetup(profile, { relayState, createTestUser: false }, tenant);
  const plan = { ...setup, kind: 'repair' as const, summary: setup.noChanges ? setup.summary : setup.steps.map((step) => step.title) };
  return { ...plan, hash: hashPlan(plan) };
}
