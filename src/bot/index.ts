export { actorFromActivity } from './actor.js';
export { botMessages } from './bot-messages.js';
export {
  CommandRouter,
  type CardActionHandler,
  type CardActionTurn,
  type CommandHandler,
  type CommandTurn,
  type RoutedCommandType,
} from './command-router.js';
export { createAdapter } from './create-adapter.js';
export { buildHelpCard, helpCardAttachment } from './help-card.js';
export { cardResponse, invokeResponse, messageResponse } from './invoke-responses.js';
export { ProactiveMessenger, type ConversationContinuer, type OutgoingMessage } from './proactive-messenger.js';
export { createSsoBot, SsoBot, type SsoBotDependencies } from './sso-bot.js';
export { activityTenantId, isFromTenant } from './tenant.js';
