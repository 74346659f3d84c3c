// One error type for every failed directory operation. Callers branch on
// `code`; `graphCode`, `graphRequestId` and `httpStatus` go to the log and
// the card so that an admin can quote them to Microsoft support.

export type DirectoryErrorCode =
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'throttled'
  | 'invalid_request'
  | 'unavailable'
  | 'unknown_outcome'
  | 'ambiguous_match'
  | 'invalid_response';

export interface DirectoryErrorDetails {
  graphCode?: string;
  graphRequestId?: string;
  httpStatus?: number;
  /** Seconds until the request may be sent again, for `throttled`. */
  retryAfterSeconds?: number;
  /** Codes from `error.details[]`, for example `ObjectConflict`. */
  detailCodes?: string[];
  cause?: unknown;
}

export class DirectoryError extends Error {
  readonly code: DirectoryErrorCode;
  readonly graphCode?: string;
  readonly graphRequestId?: string;
  readonly httpStatus?: number;
  readonly retryAfterSeconds?: number;
  readonly detailCodes: string[];

  constructor(code: DirectoryErrorCode, message: string, details: DirectoryErrorDetails = {}) {
    super(message, { cause: details.cause });
    this.name = 'DirectoryError';
    this.code = code;
    this.graphCode = details.graphCode;
    this.graphRequestId = details.graphRequestId;
    this.httpStatus = details.httpStatus;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.detailCodes = details.detailCodes ?? [];
  }

  /** True when Graph named `graphCode` as the error code or as one of the detail codes. */
  hasGraphCode(graphCode: string): boolean {
    return this.graphCode === graphCode || this.detailCodes.includes(graphCode);
  }
}

export function isDirectoryError(error: unknown, code?: DirectoryErrorCode): error is DirectoryError {
  return error instanceof DirectoryError && (code === undefined || error.code === code);
}
