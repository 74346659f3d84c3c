import { z } from 'zod';
import type { TenantEmulator } from './types.js';
import type { FaultRule } from './types.js';

// The run-time control API under `/_emulator/`, for the demo and benchmarks
// that drive the emulator over HTTP. JSON bodies; a fault's `path` is a glob
// or, with `pathRegex`, a regular expression source.

const lagSchema = z.object({ calls: z.number().int().min(0).optional(), ms: z.number().min(0).optional() });

const faultSchema = z
  .object({
    method: z.string().optional(),
    path: z.string().optional(),
    pathRegex: z.string().optional(),
    kind: z.enum(['latency', 'status', 'drop']),
    ms: z.number().min(0).optional(),
    status: z.union([z.literal(429), z.literal(503), z.literal(504)]).optional(),
    retryAfter: z.number().min(0).optional(),
    drop: z.enum(['before', 'after']).optional(),
    nth: z.number().int().min(1).optional(),
    times: z.number().int().min(1).optional(),
  })
  .refine((fault) => (fault.path === undefined) !== (fault.pathRegex === undefined), { message: 'set exactly one of path and pathRegex' });

const faultsSchema = z.object({ faults: z.array(faultSchema) });
const latencySchema = z.object({ ms: z.number().min(0) });

export interface ControlResult {
  status: number;
  body?: unknown;
}

function toRule(fault: z.infer<typeof faultSchema>): FaultRule {
  const { pathRegex, path, ...rest } = fault;
  return { ...rest, path: pathRegex === undefined ? (path as string) : new RegExp(pathRegex) };
}

function describeFaults(rules: FaultRule[]): unknown[] {
  return rules.map((rule) => (rule.path instanceof RegExp ? { ...rule, path: undefined, pathRegex: rule.path.source } : rule));
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T | ControlResult {
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : { status: 400, body: { error: { code: 'BadRequest', message: z.prettifyError(parsed.error) } } };
}

function isResult(value: unknown): value is ControlResult {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as ControlResult).status === 'number';
}

function stateSnapshot(emulator: TenantEmulator): unknown {
  const { state } = emulator;
  return {
    tenantId: emulator.tenantId,
    applications: [...state.applications.values()],
    servicePrincipals: [...state.servicePrincipals.values()],
    users: [...state.users.values()],
    groups: [...state.groups.values()],
    assignments: [...state.assignments.values()],
  };
}

export function handleControl(emulator: TenantEmulator & { faultRules(): FaultRule[] }, method: string, path: string, body: unknown): ControlResult {
  const key = `${method} ${path.replace(/\/$/, '')}`;
  switch (key) {
    case 'GET /_emulator/requests':
      return { status: 200, body: { value: emulator.requestLog() } };
    case 'DELETE /_emulator/requests':
      emulator.clearRequestLog();
      return { status: 204 };
    case 'GET /_emulator/faults':
      return { status: 200, body: { faults: describeFaults(emulator.faultRules()) } };
    case 'GET /_emulator/state':
      return { status: 200, body: stateSnapshot(emulator) };
    case 'PUT /_emulator/faults': {
      const parsed = parseBody(faultsSchema, body);
      if (isResult(parsed)) {
        return parsed;
      }
      emulator.setFaults(parsed.faults.map(toRule));
      return { status: 204 };
    }
    case 'PUT /_emulator/latency': {
      const parsed = parseBody(latencySchema, body);
      if (isResult(parsed)) {
        return parsed;
      }
      emulator.setLatency(parsed.ms);
      return { status: 204 };
    }
    case 'PUT /_emulator/replication-lag':
    case 'PUT /_emulator/saml-mode-lag': {
      const parsed = parseBody(lagSchema, body);
      if (isResult(parsed)) {
        return parsed;
      }
      if (key.endsWith('replication-lag')) {
        emulator.setReplicationLag(parsed);
      } else {
        emulator.setSamlModeLag(parsed);
      }
      return { status: 204 };
    }
    default:
      return { status: 404, body: { error: { code: 'NotFound', message: `No control endpoint ${key}.` } } };
  }
}
