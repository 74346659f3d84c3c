// Shared shapes of the set-up engine: plans, run state, progress events and
// results. The change-request store persists these as JSON, so every field is
// plain data (no classes, no Dates).

export type ChangeKind =
  | 'setup-sso'
  | 'assign-user'
  | 'unassign-user'
  | 'create-test-user'
  | 'rotate-certificate'
  | 'repair';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One Graph request exactly as the card shows it. `{applicationId}`-style
 * placeholders stand for ids that an earlier step of the same run returns.
 */
export interface PlannedRequest {
  method: HttpMethod;
  path: string;
  body?: unknown;
}

export interface PlanStep {
  /** Stable within a plan, for example `set-saml-mode`. */
  id: string;
  /** Action the runner performs, for example `instantiate` or `assign-user`. */
  kind: string;
  /** A title admins understand, for example "Turn on SAML single sign-on". */
  title: string;
  /** Ids of the steps that must succeed before this one starts. */
  dependsOn: string[];
  requests: PlannedRequest[];
  /** JSON parameters the runner needs for this step. */
  params: Record<string, unknown>;
}

export interface Plan {
  kind: ChangeKind;
  appProfileId: string;
  /** The choices the plan was built from (RelayState, test user, users). */
  choices: Record<string, unknown>;
  /** Lines people read on the card: what will change in the tenant. */
  summary: string[];
  steps: PlanStep[];
  /** True when the tenant already matches and the plan writes nothing. */
  noChanges: boolean;
  /**
   * True when a failed step must not stop the steps that do not depend on
   * it, as in a plan with one step per user. Left out of the hash because
   * the plan's kind decides it.
   */
  continueAfterFailure?: boolean;
  /** Hex SHA-256 over the canonical JSON of kind, profile, choices and steps. */
  hash: string;
}

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

/** A failure as the card and the log report it. */
export interface StepFailure {
  /** Our stable code, for example `conflict` or `throttled`. */
  code: string;
  message: string;
  graphCode?: string;
  graphRequestId?: string;
  httpStatus?: number;
  /** When the step may be resumed, for throttling with a long Retry-After. */
  retryAfterSeconds?: number;
}

export interface StepRecord {
  stepId: string;
  status: StepStatus;
  attempts: number;
  startedAt?: string;
  finishedAt?: string;
  graphRequestIds: string[];
  failure?: StepFailure;
}

/** An object that a run created, so that a rollback touches nothing else. */
export interface CreatedObject {
  type: 'application' | 'servicePrincipal' | 'user' | 'appRoleAssignment';
  id: string;
  stepId: string;
  /** The resource the object belongs to, for app role assignments. */
  parentId?: string;
}

export interface RunState {
  steps: StepRecord[];
  /** Values steps hand to later steps, for example `servicePrincipalId`. */
  outputs: Record<string, unknown>;
  created: CreatedObject[];
}

export type RunEvent =
  | { type: 'step-started'; stepId: string; title: string; attempt: number }
  | { type: 'step-succeeded'; stepId: string; title: string; graphRequestIds: string[] }
  | { type: 'step-retried'; stepId: string; title: string; attempt: number; reason: string; delayMs: number }
  | { type: 'step-failed'; stepId: string; title: string; failure: StepFailure };

/** Persists run progress; the change-request store implements it. */
export interface RunProgressStore {
  save(state: RunState): Promise<void>;
}

/** The SAML signing certificate as the admin center's "Certificate (Base64)" download. */
export interface SigningCertificate {
  /** PEM text with 64-character lines. */
  pem: string;
  /** Uppercase hex SHA-1 of the DER bytes. */
  thumbprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  keyId?: string;
}

/** The values the vendor side needs, as the "Set up GoToMeeting" box shows them. */
export interface SetupValues {
  loginUrl: string;
  entraIdentifier: string;
  logoutUrl: string;
  federationMetadataUrl: string;
  userAccessUrl: string;
}
