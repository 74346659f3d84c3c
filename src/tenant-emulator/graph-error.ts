import type { JsonObject } from './types.js';

export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
}

/**
 * A Graph error response raised inside a route. The server turns it into
 * Graph's envelope `{"error":{code,message,details?,innerError}}`.
 */
export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

export function badRequest(message: string, details?: ErrorDetail[]): GraphRequestError {
  return new GraphRequestError(400, 'Request_BadRequest', message, details);
}

export function unsupportedQuery(message: string): GraphRequestError {
  return new GraphRequestError(400, 'Request_UnsupportedQuery', message);
}

export function notFound(id: string): GraphRequestError {
  return new GraphRequestError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function invalidPropertyValue(property: string, resource: string): GraphRequestError {
  return badRequest(`Invalid value specified for property '${property}' of resource '${resource}'.`, [
    { code: 'InvalidValue', message: `Invalid value specified for property '${property}' of resource '${resource}'.`, target: property },
  ]);
}

export function objectConflict(property: string): GraphRequestError {
  const message = `Another object with the same value for property ${property} already exists.`;
  return badRequest(message, [{ code: 'ObjectConflict', message, target: property }]);
}

/** Graph's innerError date: UTC without fraction or zone letter, e.g. `2025-02-13T10:17:06`. */
export function innerErrorDate(now: Date): string {
  return now.toISOString().slice(0, 19);
}

export function errorEnvelope(
  error: GraphRequestError,
  requestId: string,
  clientRequestId: string,
  now: Date,
): JsonObject {
  const body: JsonObject = { code: error.code, message: error.message };
  if (error.details !== undefined) {
    body.details = error.details;
  }
  body.innerError = { date: innerErrorDate(now), 'request-id': requestId, 'client-request-id': clientRequestId };
  return { error: body };
}
