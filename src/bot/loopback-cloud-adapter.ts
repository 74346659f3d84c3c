import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { isLoopbackUrl } from '../config/index.js';
import type { Logger } from '../logging/index.js';

type TurnLogic = (context: TurnContext) => Promise<void>;
// botbuilder does not re-export these botframework-connector types.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

const forbiddenServiceUrl: InvokeResponse = {
  status: 403,
  body: { code: 'Forbidden', message: 'The serviceUrl must be a loopback address when the bot runs without credentials.' },
};

/**
 * A CloudAdapter for unauthenticated mode that rejects activities whose
 * `serviceUrl` is not a loopback address. Without a JWT the `serviceUrl` is
 * unverified, and botbuilder sends every reply there, so any caller could
 * otherwise make the bot send requests to any host it can reach.
 */
export class LoopbackCloudAdapter extends CloudAdapter {
  constructor(
    authentication: BotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  protected override processActivity(authHeader: string, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    authenticateRequestResult: AuthenticateRequestResult,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    authentication: string | AuthenticateRequestResult,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined> {
    if (!isLoopbackUrl(activity.serviceUrl ?? '')) {
      this.logger.warn(
        { activityId: activity.id, serviceUrl: activity.serviceUrl },
        'rejected an unauthenticated activity whose serviceUrl is not a loopback address',
      );
      // CloudAdapter.process writes this status and body as the HTTP response, and the turn never runs.
      return forbiddenServiceUrl;
    }
    return super.processActivity(authentication as string, activity, logic);
  }
}
