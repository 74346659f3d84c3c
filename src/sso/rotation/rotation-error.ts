export type RotationErrorCode = 'not_set_up' | 'unknown_certificate' | 'expired_certificate';

/** A rotation that cannot be planned: the app is missing, or the certificate to activate is not usable. */
export class RotationError extends Error {
  readonly code: RotationErrorCode;

  constructor(code: RotationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RotationError';
    this.code = code;
  }
}
