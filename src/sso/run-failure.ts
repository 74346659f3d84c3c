import { DirectoryError } from '../directory/index.js';
import { SetupError } from './setup-error.js';
import type { PlanStep, StepFailure } from './types.js';

/** A failed step with what an admin can do about it. */
export interface RunFailure {
  stepId: string;
  title: string;
  failure: StepFailure;
  /** Plain sentences: what can be done next. */
  remedies: string[];
}

const remediesByCode: Record<string, string[]> = {
  throttled: ['Resume the request after the wait that Microsoft Graph asked for.'],
  unavailable: ['Microsoft Graph did not answer; resume the request in a few minutes.'],
  unknown_outcome: ['Resume the request: the step checks whether its earlier attempt took effect before it writes again.'],
  forbidden: ['Grant the bot the Graph application permission listed for this request in docs/permissions.md, then resume.'],
  unauthorized: ['Check the bot\'s credential configuration, then resume.'],
  conflict: ['Remove or change the other object that uses the same value, then resume, or roll back.'],
  not_found: ['The object may still be replicating; resume in a minute. If it was deleted, roll back and start a new request.'],
};

const rollbackRemedy = 'Roll back to delete what this run created.';

/** Describes an error from a step for the card and the log. */
export function describeFailure(step: PlanStep, error: unknown): RunFailure {
  let failure: StepFailure;
  if (error instanceof DirectoryError) {
    failure = {
      code: error.code,
      message: error.message,
      ...(error.graphCode ? { graphCode: error.graphCode } : {}),
      ...(error.graphRequestId ? { graphRequestId: error.graphRequestId } : {}),
      ...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  } else if (error instanceof SetupError) {
    failure = { code: error.code, message: error.message };
  } else {
    failure = { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
  }
  const remedies = [...(remediesByCode[failure.code] ?? ['Resume the request once the cause is fixed.']), rollbackRemedy];
  return { stepId: step.id, title: step.title, failure, remedies };
}
