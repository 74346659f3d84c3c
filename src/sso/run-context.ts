import type { CallOptions, DirectoryGateway } from '../directory/index.js';
import { SetupError } from './setup-error.js';
import type { CreatedObject, PlanStep } from './types.js';

/** The smallest logger the runner needs. A pino logger fits. */
export interface RunLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ConfirmBackoff {
  /** Reads made to confirm whether a write with an unknown outcome took effect. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultConfirmBackoff: ConfirmBackoff = { attempts: 6, initialDelayMs: 2_000, maxDelayMs: 15_000 };

/** A secret that a step generated, such as a new user's initial password. It is handed over once, never stored or logged. */
export interface GeneratedSecret {
  kind: 'initial-password';
  stepId: string;
  userId: string;
  userPrincipalName: string;
  displayName: string;
  password: string;
}

/** The input of a step executor: resolved parameters, the gateway and ways to record results. */
export interface StepContext {
  step: PlanStep;
  params: Record<string, unknown>;
  gateway: DirectoryGateway;
  /** Retry reporting and cancellation for gateway calls. */
  call: CallOptions;
  outputs: Record<string, unknown>;
  /** True when this step already ran at least once before, in this run or an earlier one. */
  isRepeat: boolean;
  /**
   * True when an earlier run stopped (a crash, a restart, a lost lease) while
   * this step was in flight, so a write it sent may have taken effect.
   */
  interrupted: boolean;
  /** Stores outputs and created objects and persists them at once, before the step ends. */
  record(outputs: Record<string, unknown>, created?: Array<Omit<CreatedObject, 'stepId'>>): Promise<void>;
  /** True when an earlier step of this run created the object, so it may still be replicating. */
  isFresh(id: string): boolean;
  confirm: ConfirmBackoff;
  sleep(ms: number): Promise<void>;
  now(): Date;
  generatePassword(): string;
  /**
   * Passes a generated secret to the caller's `onSecret`. Never throws: a
   * failed delivery is logged without the secret, so it cannot fail the step.
   */
  handOverSecret(secret: GeneratedSecret): Promise<void>;
  logger: RunLogger;
}

const placeholderPattern = /^\{([A-Za-z]+)\}$/;

/** Replaces `{name}` strings anywhere in `value` by `outputs[name]`. */
export function resolvePlaceholders(value: unknown, outputs: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const match = placeholderPattern.exec(value);
    if (match === null) return value;
    const name = match[1]!;
    if (outputs[name] === undefined) {
      throw new SetupError('missing_output', `The value ${value} is not known yet; the step that returns it has not run.`);
    }
    return outputs[name];
  }
  if (Array.isArray(value)) return value.map((item) => resolvePlaceholders(item, outputs));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolvePlaceholders(item, outputs)]));
  }
  return value;
}

/** Reads `check` with backoff until it returns a value or the attempts run out. */
export async function pollUntilFound<T>(context: StepContext, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const { attempts, initialDelayMs, maxDelayMs } = context.confirm;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const found = await check();
    if (found !== undefined) return found;
    if (attempt < attempts) await context.sleep(Math.min(initialDelayMs * 2 ** (attempt - 1), maxDelayMs));
  }
  return undefined;
}
