// Public shapes of the tenant emulator: seed data, fault rules, the request
// log and the read-only state that tests inspect. Directory objects are plain
// JSON records shaped like Graph v1.0 resources.

import type { Logger } from 'pino';

export type JsonObject = Record<string, unknown>;

export interface VerifiedDomain {
  name: string;
  isDefault: boolean;
  isInitial: boolean;
}

export interface SeedUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  /** `Member` or `Guest`. */
  userType?: 'Member' | 'Guest';
}

export interface SeedGroup {
  id: string;
  displayName: string;
  /** Object ids of users or nested groups. */
  memberIds: string[];
}

/** One gallery entry; its id is generated at every start. */
export interface GalleryApp {
  displayName: string;
  publisher: string;
  homePageUrl: string;
  logoUrl: string;
  categories: string[];
  supportedSingleSignOnModes: string[];
  supportedProvisioningTypes: string[];
  description: string | null;
}

export interface TenantSeed {
  tenantId: string;
  displayName: string;
  verifiedDomains: VerifiedDomain[];
  users: SeedUser[];
  groups: SeedGroup[];
  gallery: GalleryApp[];
}

/** How long a condition lasts: a number of calls, a time, or both (both must pass). */
export interface LagSetting {
  calls?: number;
  ms?: number;
}

export type FaultKind = 'latency' | 'status' | 'drop';

export interface FaultRule {
  /** HTTP method; any method when omitted. */
  method?: string;
  /**
   * Path without the query string, relative to `/v1.0` (a leading `/v1.0` is
   * ignored). A string is a glob where `*` matches within one segment and `**`
   * matches across segments; a RegExp is tested as is.
   */
  path: string | RegExp;
  kind: FaultKind;
  /** Added delay for `latency`. */
  ms?: number;
  /** Response status for `status`. */
  status?: 429 | 503 | 504;
  /** Retry-After seconds for `status`; no header when omitted. */
  retryAfter?: number;
  /** For `drop`: destroy the socket before the request takes effect or after it. */
  drop?: 'before' | 'after';
  /** Hit only the n-th matching call (1-based), or start there when `times` is set. */
  nth?: number;
  /** Hit this many matching calls; every call when neither `nth` nor `times` is set. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  /** Path after `/v1.0` with its query string, as received (percent-encoding kept). */
  path: string;
  body: unknown;
  /** Response status; 0 when the socket was dropped before a response. */
  status: number;
  /** ISO time the request arrived. */
  time: string;
  requestId: string;
  /** Set on the inner requests of a `$batch`: the request id of the batch. */
  batchRequestId?: string;
  /** Set when a `drop` fault destroyed the socket. */
  dropped?: 'before' | 'after';
}

export interface EmulatorState {
  readonly applications: ReadonlyMap<string, JsonObject>;
  readonly servicePrincipals: ReadonlyMap<string, JsonObject>;
  readonly users: ReadonlyMap<string, JsonObject>;
  readonly groups: ReadonlyMap<string, JsonObject>;
  /** appRoleAssignment records by assignment id. */
  readonly assignments: ReadonlyMap<string, JsonObject>;
}

export interface StartOptions {
  /** 0 picks a free port; the host is always 127.0.0.1. */
  port?: number;
  seed?: TenantSeed;
  faults?: FaultRule[];
  /** How long new applications, service principals and users return 404 Request_ResourceNotFound. */
  replicationLag?: LagSetting;
  /** HostNameNotOnVerifiedDomain keeps coming this long after the switch to SAML. */
  samlModeLag?: LagSetting;
  /** Added to every `/v1.0` request. */
  latencyMs?: number;
  /** When set the emulator serves HTTPS and requires a bearer token. */
  https?: { key: string; cert: string };
  /** Receives starts, stops, fault changes and unexpected errors; warnings and errors only by default. */
  logger?: Logger;
}

export interface TenantEmulator {
  /** Base URL without `/v1.0`, for example `http://127.0.0.1:5980`. */
  url: string;
  tenantId: string;
  seed: TenantSeed;
  state: EmulatorState;
  requestLog(): LoggedRequest[];
  clearRequestLog(): void;
  setFaults(rules: FaultRule[]): void;
  setLatency(ms: number): void;
  setReplicationLag(lag: LagSetting): void;
  setSamlModeLag(lag: LagSetting): void;
  /** PEM (PKCS#8) private key of a certificate made by addTokenSigningCertificate. */
  signingKeyFor(thumbprint: string): string | undefined;
  close(): Promise<void>;
}
