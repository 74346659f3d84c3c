import { errorEnvelope, GraphRequestError, notFound } from './graph-error.js';
import type { EmulatedRequest, EmulatedResponse } from './http-types.js';
import { checkPermissions } from './permissions.js';
import type { Route, RouteContext } from './route-context.js';
import { applicationRoutes } from './routes/applications.js';
import { assignmentRoutes } from './routes/app-role-assignments.js';
import { batchRoutes } from './routes/batch.js';
import { organizationRoutes } from './routes/organization.js';
import { servicePrincipalRoutes } from './routes/service-principals.js';
import { templateRoutes } from './routes/templates.js';
import { userRoutes } from './routes/users.js';

const routes: Route[] = [
  ...templateRoutes,
  ...applicationRoutes,
  ...servicePrincipalRoutes,
  ...assignmentRoutes,
  ...userRoutes,
  ...organizationRoutes,
  ...batchRoutes,
];

function findRoute(request: EmulatedRequest): { route: Route; params: Record<string, string> } {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (match === null) {
      continue;
    }
    pathKnown = true;
    if (route.method === request.method) {
      return { route, params: { ...(match.groups ?? {}) } };
    }
  }
  if (pathKnown) {
    throw new GraphRequestError(405, 'Request_BadRequest', `The ${request.method} method is not supported on '${request.path}'.`);
  }
  const segment = request.path.split('/').filter((part) => part !== '').pop() ?? '';
  throw new GraphRequestError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

export function errorResponse(error: unknown, requestId: string, clientRequestId: string): EmulatedResponse {
  const graphError =
    error instanceof GraphRequestError
      ? error
      : new GraphRequestError(500, 'generalException', 'An internal error occurred in the tenant emulator.', undefined, {}, error);
  return {
    status: graphError.status,
    headers: graphError.headers,
    body: errorEnvelope(graphError, requestId, clientRequestId, new Date()),
  };
}

/** Rewrites the alternate key form `/servicePrincipals(appId='…')` to the object id form. */
function resolveAlternateKey(context: RouteContext, request: EmulatedRequest): EmulatedRequest {
  const match = /^\/servicePrincipals\(appId='(?<appId>[^']*)'\)(?<rest>\/.*)?$/.exec(request.path);
  if (match?.groups === undefined) {
    return request;
  }
  const appId = match.groups.appId as string;
  const servicePrincipal = [...context.state.servicePrincipals.values()].find((candidate) => candidate.appId === appId);
  if (servicePrincipal === undefined) {
    throw notFound(appId);
  }
  return { ...request, path: `/servicePrincipals/${servicePrincipal.id as string}${match.groups.rest ?? ''}` };
}

/** Routes one request and turns raised Graph errors into Graph's error envelope. */
export async function routeRequest(context: RouteContext, request: EmulatedRequest): Promise<EmulatedResponse> {
  try {
    checkPermissions(request);
    const resolved = resolveAlternateKey(context, request);
    const { route, params } = findRoute(resolved);
    return await route.handler(context, resolved, params);
  } catch (error) {
    if (!(error instanceof GraphRequestError)) {
      context.logger.error({ err: error, requestId: context.requestId, method: request.method, path: request.path }, 'route failed unexpectedly');
    }
    return errorResponse(error, context.requestId, request.headers['client-request-id'] ?? context.requestId);
  }
}
