import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { isLoopbackUrl } from '../config/index.js';
import type { Logger } from '../logging/index.js';

type TurnLogic = (context: TurnContext) => Promise<void>;
// botbuilder does not re-export these botframework-connector types.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

const forbiddenHost = {
  code: 'Forbidden',
  message: 'The Host header must name a loopback address when the bot runs without credentials.',
};

const forbiddenServiceUrl: InvokeResponse = {
  status: 403,
  body: { code: 'Forbidden', message: 'The serviceUrl must be a loopback address when the bot runs without credentials.' },
};

/**
 * A CloudAdapter for unauthenticated mode that rejects activities whose
 * `serviceUrl` is not a loopback address. Without a JWT the `serviceUrl` is
 * unverified, and botbuilder sends every reply there, so any caller could
 * otherwise make the bot send requests to any host it can reach. It also
 * rejects requests whose Host header is not a loopback name, so that a web
 * page that rebinds its own DNS name to 127.0.0.1 cannot post activities.
 */
export class LoopbackCloudAdapter extends CloudAdapter {
  constructor(
    authentication: BotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  override async process(request: Request, ...rest: unknown[]): Promise<void> {
    const host = request.headers.host;
    if (typeof host !== 'string' || !isLoopbackUrl(`http://${host}/`)) {
      this.logger.warn({ host }, 'rejected an unauthenticated request whose Host header is not a loopback name');
      rejectRequest(rest[0], forbiddenHost);
      return;
    }
    const process = super.process as (...args: unknown[]) => Promise<void>;
    return process.call(this, request, ...rest);
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

/** Sends 403 on an HTTP response, or closes the socket of a WebSocket upgrade. */
function rejectRequest(responseOrSocket: unknown, body: object): void {
  const response = responseOrSocket as Partial<Response> & { destroy?: () => void };
  if (typeof response.status === 'function' && typeof response.send === 'function' && typeof response.end === 'function') {
    response.status(403);
    response.send(body);
    response.end();
    return;
  }
  response.destroy?.();
}
