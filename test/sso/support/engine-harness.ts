import { createGraphClient, GraphDirectoryGateway, type RetryNotice, type RetryPolicyOptions } from '../../../src/directory/index.js';
import {
  goToMeetingProfile,
  prepareSetup,
  runPlan,
  type AppProfile,
  type ConfirmBackoff,
  type RunEvent,
  type RunLogger,
  type RunProgressStore,
  type RunResult,
  type RunState,
  type SetupChoices,
} from '../../../src/sso/index.js';
import { startTenantEmulator, type StartOptions, type TenantEmulator } from '../../../src/tenant-emulator/index.js';

/** Retry delays small enough for tests. The fake sleep below records them instead of waiting. */
export const fastRetryPolicy: RetryPolicyOptions = {
  maxRetryAfterSeconds: 60,
  throttling: { initialDelayMs: 1, maxDelayMs: 4, maxAttempts: 6 },
  consistency: { initialDelayMs: 1, maxDelayMs: 4, maxAttempts: 12 },
};

export const fastConfirm: ConfirmBackoff = { attempts: 8, initialDelayMs: 1, maxDelayMs: 4 };

export class MemoryProgress implements RunProgressStore {
  readonly saves: RunState[] = [];

  async save(state: RunState): Promise<void> {
    this.saves.push(structuredClone(state));
  }

  latest(): RunState | undefined {
    return this.saves.at(-1);
  }
}

export const silentLogger: RunLogger = { info() {}, warn() {}, error() {} };

export interface Harness {
  emulator: TenantEmulator;
  gateway: GraphDirectoryGateway;
  retries: RetryNotice[];
  /** Delays the gateway requested, in milliseconds. The gateway does not actually wait. */
  sleeps: number[];
  close(): Promise<void>;
}

export async function startHarness(options: StartOptions = {}, policy: Partial<RetryPolicyOptions> = {}): Promise<Harness> {
  const emulator = await startTenantEmulator({ port: 0, ...options });
  const client = createGraphClient({ endpoint: emulator.url, authorityHost: emulator.url, credential: undefined });
  const retries: RetryNotice[] = [];
  const sleeps: number[] = [];
  const gateway = new GraphDirectoryGateway({
    client,
    retryPolicy: { ...fastRetryPolicy, ...policy },
    onRetry: (notice) => retries.push(notice),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    requestTimeoutMs: 5_000,
  });
  return { emulator, gateway, retries, sleeps, close: () => emulator.close() };
}

export const meetingRelayState = 'https://global.gotomeeting.com';
export const defaultChoices: SetupChoices = { relayState: meetingRelayState, createTestUser: true };

export async function planFor(harness: Harness, choices: SetupChoices = defaultChoices, profile: AppProfile = goToMeetingProfile) {
  return (await prepareSetup(harness.gateway, profile, choices)).plan;
}

export interface RunOutcome {
  result: RunResult;
  events: RunEvent[];
  progress: MemoryProgress;
}

export async function runWith(
  harness: Harness,
  plan: Awaited<ReturnType<typeof planFor>>,
  options: { state?: RunState; signal?: AbortSignal; onEvent?: (event: RunEvent) => void } = {},
): Promise<RunOutcome> {
  const events: RunEvent[] = [];
  const progress = new MemoryProgress();
  const result = await runPlan({
    plan,
    gateway: harness.gateway,
    state: options.state,
    progress,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    logger: silentLogger,
    signal: options.signal,
    confirmBackoff: fastConfirm,
    generatePassword: () => 'Test-Password-1234!',
  });
  return { result, events, progress };
}

/** Applications in the emulator that carry the profile's identifier or come from its template. */
export function applicationsOf(harness: Harness, profile: AppProfile = goToMeetingProfile) {
  return [...harness.emulator.state.applications.values()].filter(
    (application) =>
      (application.identifierUris as string[] | undefined)?.includes(profile.identifierUri) ||
      application.displayName === profile.instanceDisplayName,
  );
}
