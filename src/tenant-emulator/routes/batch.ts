import { GraphRequestError } from '../graph-error.js';
import { ok, type EmulatedRequest, type EmulatedResponse } from '../http-types.js';
import type { Route, RouteContext } from '../route-context.js';
import type { JsonObject } from '../types.js';
import { parseTarget } from '../request-target.js';

// JSON batching: at most 20 requests with unique ids; a request whose
// dependency failed gets 424 Failed Dependency. The emulator runs requests
// one at a time in dependency order, so responses come back in that order.

const MAXIMUM_REQUESTS = 20;

interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

function invalidBatch(message: string): GraphRequestError {
  return new GraphRequestError(400, 'BadRequest', message);
}

function toStep(raw: unknown): BatchStep {
  const item = (raw ?? {}) as JsonObject;
  if (typeof item.id !== 'string' || typeof item.method !== 'string' || typeof item.url !== 'string') {
    throw invalidBatch('Every batch request needs the string properties id, method and url.');
  }
  const headers = Object.fromEntries(Object.entries((item.headers ?? {}) as JsonObject).map(([name, value]) => [name.toLowerCase(), String(value)]));
  if (item.body !== undefined && headers['content-type'] === undefined) {
    throw invalidBatch(`Request '${item.id}' has a body but no Content-Type header.`);
  }
  const dependsOn = Array.isArray(item.dependsOn) ? item.dependsOn.map(String) : [];
  return { id: item.id, method: item.method.toUpperCase(), url: item.url, headers, body: item.body, dependsOn };
}

function parseSteps(body: unknown): BatchStep[] {
  const requests = (body as JsonObject | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw invalidBatch('The batch body must contain a non-empty requests array.');
  }
  if (requests.length > MAXIMUM_REQUESTS) {
    throw invalidBatch(`A batch can contain at most ${MAXIMUM_REQUESTS} requests.`);
  }
  const steps = requests.map(toStep);
  const ids = new Set(steps.map((step) => step.id));
  if (ids.size !== steps.length) {
    throw invalidBatch('Request ids in a batch must be unique.');
  }
  for (const step of steps) {
    const unknown = step.dependsOn.find((id) => !ids.has(id) || id === step.id);
    if (unknown !== undefined) {
      throw invalidBatch(`Request '${step.id}' depends on '${unknown}', which is not another request of this batch.`);
    }
  }
  return steps;
}

function orderSteps(steps: BatchStep[]): BatchStep[] {
  const ordered: BatchStep[] = [];
  const placed = new Set<string>();
  while (ordered.length < steps.length) {
    const ready = steps.find((step) => !placed.has(step.id) && step.dependsOn.every((id) => placed.has(id)));
    if (ready === undefined) {
      throw invalidBatch('The dependsOn references of the batch form a cycle.');
    }
    ordered.push(ready);
    placed.add(ready.id);
  }
  return ordered;
}

function failedDependency(step: BatchStep): JsonObject {
  return {
    id: step.id,
    status: 424,
    headers: { 'Content-Type': 'application/json' },
    body: { error: { code: 'FailedDependency', message: 'The request could not run because a request it depends on failed.' } },
  };
}

function toInnerRequest(step: BatchStep, grantedRoles: string[] | undefined): EmulatedRequest {
  // The Graph client's BatchRequestContent keeps the version in relative URLs (`/v1.0/users`).
  const relative = (step.url.startsWith('/') ? step.url : `/${step.url}`).replace(/^\/v1\.0(?=\/|\?|$)/, '');
  const { path, query } = parseTarget(relative === '' ? '/' : relative);
  return { method: step.method, path, query, headers: step.headers, body: step.body, target: relative, ...(grantedRoles === undefined ? {} : { grantedRoles }) };
}

function toInnerResponse(step: BatchStep, response: EmulatedResponse): JsonObject {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return { id: step.id, status: response.status, headers, ...(response.body === undefined ? {} : { body: response.body }) };
}

async function runBatch(context: RouteContext, request: EmulatedRequest) {
  const steps = orderSteps(parseSteps(request.body));
  const statuses = new Map<string, number>();
  const responses: JsonObject[] = [];
  for (const step of steps) {
    if (step.dependsOn.some((id) => (statuses.get(id) ?? 0) >= 400)) {
      statuses.set(step.id, 424);
      responses.push(failedDependency(step));
      continue;
    }
    const response = await context.runInner(toInnerRequest(step, request.grantedRoles));
    statuses.set(step.id, response.status);
    responses.push(toInnerResponse(step, response));
  }
  return ok({ responses });
}

export const batchRoutes: Route[] = [
  { method: 'POST', pattern: /^\/\$batch$/, handler: (context, request) => runBatch(context, request) },
];
