import type { Refusal } from './refusal.js';

export type RequestStoreErrorCode = 'contention' | 'invalid_document' | 'id_exhausted' | 'lease_lost' | 'not_found';

export class RequestStoreError extends Error {
  override readonly name = 'RequestStoreError';

  /** The refusal behind `lease_lost`. */
  readonly refusal: Refusal | undefined;

  constructor(
    readonly code: RequestStoreErrorCode,
    message: string,
    options?: { cause?: unknown; refusal?: Refusal },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.refusal = options?.refusal;
  }
}
