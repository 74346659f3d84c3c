// A tenant emulator with GoToMeeting already set up, for tests of the user
// requests, and a seed with the hard cases: two people with one display
// name, and enough users to fill more than one page of assignments.

import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { goToMeetingProfile, runPlan, type GeneratedSecret, type Plan, type RunEvent, type RunLogger, type RunResult } from '../../../src/sso/index.js';
import { createGraphClient, GraphDirectoryGateway } from '../../../src/directory/index.js';
import { demoSeed, type SeedUser, type StartOptions, type TenantEmulator, type TenantSeed } from '../../../src/tenant-emulator/index.js';
import { fastConfirm, fastRetryPolicy, MemoryProgress, planFor, runWith, silentLogger, startHarness, type Harness } from '../../sso/support/engine-harness.js';

/** A second "Britta Simon", in the Playground domain, so the name has two matches. */
export const OTHER_BRITTA_ID = '0b6b4c1e-5a55-4e0b-9a4c-6d1f0f5c2a11';

export const otherBritta: SeedUser = {
  id: OTHER_BRITTA_ID,
  displayName: 'Britta Simon',
  givenName: 'Britta',
  surname: 'Simon',
  userPrincipalName: 'brittas@example.com',
  mail: 'brittas@example.com',
  jobTitle: 'Sales Manager',
};

/** Builds `count` users named `Page User 01`… in the Playground domain. */
export function pageUsers(count: number): SeedUser[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    return {
      id: `7a1c0000-0000-4000-8000-0000000000${number}`,
      displayName: `Page User ${number}`,
      userPrincipalName: `page.user${number}@example.com`,
      mail: `page.user${number}@example.com`,
    };
  });
}

export function seedWith(users: SeedUser[]): TenantSeed {
  return { ...demoSeed, users: [...demoSeed.users, ...users] };
}

export interface UsersHarness extends Harness {
  servicePrincipal: ServicePrincipal;
  /** The id of the app role named User. */
  userRoleId: string;
}

/** Creates a harness over an emulator started elsewhere, such as a flow test's world. Closing the harness leaves the emulator running. */
export function harnessFor(emulator: TenantEmulator): Harness {
  const client = createGraphClient({ endpoint: emulator.url, authorityHost: emulator.url, credential: undefined });
  const retries: Harness['retries'] = [];
  const sleeps: number[] = [];
  const gateway = new GraphDirectoryGateway({
    client,
    retryPolicy: fastRetryPolicy,
    onRetry: (notice) => retries.push(notice),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { emulator, gateway, retries, sleeps, close: async () => undefined };
}

/** Starts the emulator and sets up GoToMeeting without a test user. */
export async function startWithApp(options: StartOptions = {}): Promise<UsersHarness> {
  return installApp(await startHarness({ seed: seedWith([otherBritta]), ...options }));
}

/** Sets up GoToMeeting without a test user in the harness's tenant. */
export async function installApp(harness: Harness): Promise<UsersHarness> {
  const setup = await runWith(harness, await planFor(harness, { relayState: 'https://global.gotomeeting.com', createTestUser: false }));
  if (setup.result.status !== 'succeeded') throw new Error(`GoToMeeting set-up failed: ${JSON.stringify(setup.result.failure)}`);

  const servicePrincipalId = String(setup.result.state.outputs.servicePrincipalId);
  const servicePrincipal = await harness.gateway.getServicePrincipal(servicePrincipalId);
  const userRoleId = servicePrincipal.appRoles!.find((role) => role.displayName === goToMeetingProfile.userRoleName)!.id!;
  return { ...harness, servicePrincipal, userRoleId };
}

export interface UserRunOutcome {
  result: RunResult;
  events: RunEvent[];
  progress: MemoryProgress;
  secrets: GeneratedSecret[];
}

/** Runs a user plan with fast retries, collecting events, saved progress and handed-over secrets. */
export async function runUserPlan(harness: Harness, plan: Plan, options: { logger?: RunLogger; generatePassword?: () => string } = {}): Promise<UserRunOutcome> {
  const events: RunEvent[] = [];
  const secrets: GeneratedSecret[] = [];
  const progress = new MemoryProgress();
  const result = await runPlan({
    plan,
    gateway: harness.gateway,
    state: undefined,
    progress,
    onEvent: (event) => events.push(event),
    logger: options.logger ?? silentLogger,
    confirmBackoff: fastConfirm,
    ...(options.generatePassword ? { generatePassword: options.generatePassword } : {}),
    onSecret: (secret) => {
      secrets.push(secret);
    },
  });
  return { result, events, progress, secrets };
}
