import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/index.js';
import { botMessages } from './bot-messages.js';
import { LoopbackCloudAdapter } from './loopback-cloud-adapter.js';

/**
 * Creates the CloudAdapter. Without bot credentials the adapter accepts
 * unauthenticated activities, which `loadConfig` allows only with a loopback
 * Graph endpoint, and only from a loopback `serviceUrl`.
 */
export function createAdapter(config: Pick<Config, 'bot'>, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.bot
    ? {
        MicrosoftAppId: config.bot.appId,
        MicrosoftAppPassword: config.bot.appPassword ?? '',
        MicrosoftAppType: config.bot.appType,
        MicrosoftAppTenantId: config.bot.appTenantId ?? '',
      }
    : {};
  const authentication = new ConfigurationBotFrameworkAuthentication(options);
  const adapter = config.bot ? new CloudAdapter(authentication) : new LoopbackCloudAdapter(authentication, logger);

  // The bot catches its own errors. This handler catches failures in the
  // adapter's pipeline around it, such as a failed send.
  adapter.onTurnError = async (context, error) => {
    const correlationId = randomUUID();
    logger.error(
      { err: error, correlationId, activityId: context.activity.id, conversationId: context.activity.conversation?.id },
      'turn failed',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity(botMessages.failure(correlationId)).catch((sendError: unknown) => {
        logger.error({ err: sendError, correlationId }, 'failed to report a turn failure to the user');
      });
    }
  };

  return adapter;
}
