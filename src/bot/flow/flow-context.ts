import type { ConversationReference } from 'botbuilder';
import type { PasswordDelivery } from '../../cards/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import type { Logger } from '../../logging/index.js';
import type { ApprovalPolicy, ApprovalRules, ChangeRequestStore } from '../../requests/index.js';
import type { Actor } from '../../requests/types.js';
import type { CloudHosts, ConfirmBackoff, GeneratedSecret } from '../../sso/index.js';
import type { StateStorage } from '../../storage/types.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';

/** A signed, expiring download link for a request's certificate. */
export interface CertificateLink {
  url: string;
  expiresAt: string;
}

/** The person and conversation a generated password belongs to. */
export interface PasswordRecipient {
  /** The conversation the request was made in. */
  conversation: Partial<ConversationReference>;
  requester: Actor;
  tenantId: string;
}

/**
 * Delivers a new test user's initial password to the requester alone and
 * returns where it went. It must never post the password in a channel or a
 * group chat, and never log it.
 */
export type DeliverPassword = (recipient: PasswordRecipient, secret: GeneratedSecret) => Promise<PasswordDelivery>;

/** Timing settings of the flow; tests make them small. */
export interface FlowTuning {
  /** How long a run lease lasts without renewal; another instance may take the run over after it. */
  leaseMs: number;
  /** How often the expiry sweep and the takeover of abandoned runs run. */
  maintenanceIntervalMs: number;
  /** The minimum time between two updates of one card, in milliseconds; it keeps a burst of run events under Teams' rate limits. */
  cardUpdateIntervalMs: number;
  /** How long a certificate download link stays valid. */
  certificateLinkTtlMs: number;
  /** Backoff of the reads that confirm a write whose outcome is unknown. */
  confirmBackoff?: ConfirmBackoff;
  /** Runs this instance executes at once; more approved requests wait unclaimed. 4 when absent. */
  maxConcurrentRuns?: number;
}

export const defaultFlowTuning: FlowTuning = {
  leaseMs: 60_000,
  maintenanceIntervalMs: 60_000,
  // Teams allows about 7 sends per second per conversation; 4 updates a second leave room for result messages.
  cardUpdateIntervalMs: 250,
  certificateLinkTtlMs: 7 * 24 * 60 * 60 * 1000,
};

/** Everything the set-up flow's handlers, runner and sweeps share. */
export interface FlowContext {
  tenantId: string;
  store: ChangeRequestStore;
  /** The key-value store under `store`, for short-lived documents such as the pending commands of app choice cards. */
  storage: StateStorage;
  gateway: DirectoryGateway;
  policy: ApprovalPolicy;
  rules: ApprovalRules;
  /** Configured approver object ids, named on request cards. */
  approverIds: string[];
  approverGroupId?: string;
  messenger: ProactiveMessenger;
  cloud: CloudHosts;
  logger: Logger;
  now: () => Date;
  tuning: FlowTuning;
  /** This instance's run-lease owner name. */
  leaseOwner: string;
  certificateLink(requestId: string): CertificateLink;
  deliverPassword: DeliverPassword;
}
