export { defaultFlowTuning, type CertificateLink, type DeliverPassword, type FlowContext, type FlowTuning, type PasswordRecipient } from './flow-context.js';
export { personalChatPasswordDelivery } from './personal-chat-password.js';
export { registerSetupFlow } from './register-setup-flow.js';
export { SetupFlow } from './setup-flow.js';
export { createSetupFlow, type SetupFlowOptions } from './create-setup-flow.js';
