export type SetupErrorCode =
  | 'invalid_choice'
  | 'duplicate_instances'
  | 'incomplete_tenant'
  | 'invalid_certificate'
  | 'missing_output'
  | 'unknown_step_kind';

/** A set-up failure that is not a single Graph error: a bad choice, an unexpected tenant, a bad certificate. */
export class SetupError extends Error {
  readonly code: SetupErrorCode;

  constructor(code: SetupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SetupError';
    this.code = code;
  }
}
