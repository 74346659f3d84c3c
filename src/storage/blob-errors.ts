import { RestError } from '@azure/storage-blob';
import { StorageError } from './types.js';

/**
 * Maps an Azure Blob Storage failure to `StorageError`. This is the only place
 * that classifies Azure errors, and it goes by HTTP status and service error
 * code. Three write failures become `etag_conflict`: a failed `If-Match`
 * (412 ConditionNotMet), a collision with another writer (409), and a
 * conditional write to a blob deleted since it was read (404 BlobNotFound).
 * Everything else is `unavailable`, with the Azure error as `cause`.
 */
export function toStorageError(error: unknown, operation: string, conditional = false): StorageError {
  if (error instanceof StorageError) return error;

  const status = error instanceof RestError ? error.statusCode : undefined;
  const code = error instanceof RestError ? error.code : undefined;
  const isWrite = operation === 'write';
  const conflict =
    isWrite && (status === 412 || status === 409 || (conditional && status === 404 && code === 'BlobNotFound'));

  if (conflict) {
    return new StorageError('etag_conflict', 'The document was changed or deleted since it was read.', { cause: error });
  }
  const detail = status === undefined ? '' : ` (HTTP ${status}${code ? ` ${code}` : ''})`;
  return new StorageError('unavailable', `Azure Blob Storage ${operation} failed${detail}.`, { cause: error });
}
