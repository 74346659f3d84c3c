import type { Config } from '../../config/index.js';
import type { DirectoryGateway } from '../../directory/index.js';
import type { Logger } from '../../logging/index.js';
import { newLeaseOwner, type ApprovalPolicy, type ChangeRequestStore } from '../../requests/index.js';
import { cloudFromAuthorityHost } from '../../sso/index.js';
import type { StateStorage } from '../../storage/types.js';
import type { CommandRouter } from '../command-router.js';
import type { ProactiveMessenger } from '../proactive-messenger.js';
import type { CertificateLink, DeliverPassword, FlowTuning } from './flow-context.js';
import { personalChatPasswordDelivery } from './personal-chat-password.js';
import { registerSetupFlow } from './register-setup-flow.js';
import { SetupFlow } from './setup-flow.js';

export interface SetupFlowOptions {
  config: Config;
  logger: Logger;
  messenger: ProactiveMessenger;
  gateway: DirectoryGateway;
  requests: ChangeRequestStore;
  storage: StateStorage;
  approvalPolicy: ApprovalPolicy;
  tuning: FlowTuning;
  now: () => Date;
  certificateLink(requestId: string): CertificateLink;
  /** Delivery of a new test user's password; the request's personal chat only by default. */
  deliverPassword?: DeliverPassword;
}

/** Builds the set-up flow from the bot's services; `register` adds its commands and card verbs to a router. */
export function createSetupFlow(options: SetupFlowOptions): { flow: SetupFlow; register(router: CommandRouter): void } {
  const { config, logger } = options;
  const flowLogger = logger.child({ component: 'setup-flow' });
  const flow = new SetupFlow({
    tenantId: config.tenantId,
    store: options.requests,
    storage: options.storage,
    gateway: options.gateway,
    policy: options.approvalPolicy,
    rules: { approvalTtlMs: config.approvals.ttlSeconds * 1000, approvalsRequired: config.approvals.approvalsRequired },
    approverIds: config.approvals.approverIds,
    ...(config.approvals.approverGroupId ? { approverGroupId: config.approvals.approverGroupId } : {}),
    messenger: options.messenger,
    cloud: cloudFromAuthorityHost(config.graph.authorityHost),
    logger: flowLogger,
    now: options.now,
    tuning: options.tuning,
    leaseOwner: newLeaseOwner(),
    certificateLink: options.certificateLink,
    deliverPassword: options.deliverPassword ?? personalChatPasswordDelivery(options.messenger, flowLogger),
  });
  return { flow, register: (router) => registerSetupFlow(router, flow, flowLogger) };
}
