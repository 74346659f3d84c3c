import { z } from 'zod';
import { RequestStoreError } from './request-store-error.js';
import type { StoreItem } from '../storage/types.js';
import type { ChangeRequest } from './types.js';

const STATES = [
  'draft',
  'pending-approval',
  'approved',
  'running',
  'succeeded',
  'failed',
  'rejected',
  'cancelled',
  'expired',
  'rolled-back',
] as const;

// The schema checks the fields that the store and the transitions rely on.
// The rest of the document passes through as stored, because only the store
// writes request documents.
const storedRequestSchema = z.looseObject({
  id: z.string().min(1),
  state: z.enum(STATES),
  tenantId: z.string().min(1),
  requester: z.looseObject({ aadObjectId: z.string() }),
  conversation: z.record(z.string(), z.unknown()),
  plan: z.looseObject({ hash: z.string() }),
  approvals: z.array(z.unknown()),
  history: z.array(z.unknown()),
  createdAt: z.string(),
  expiresAt: z.string(),
  eTag: z.string().min(1),
});

/** Parses a stored request document; the eTag the backend set is required for compare-and-swap. */
export function parseRequestDocument(key: string, item: StoreItem): ChangeRequest {
  const parsed = storedRequestSchema.safeParse(item);
  if (!parsed.success) {
    throw new RequestStoreError('invalid_document', `Stored document ${key} is not a valid change request.`, {
      cause: parsed.error,
    });
  }
  return structuredClone(item) as unknown as ChangeRequest;
}

/** Builds the document to write: the request without its eTag, plus the eTag the write is conditional on. */
export function toDocument(request: ChangeRequest, eTag: string | undefined): StoreItem {
  const { eTag: _stored, ...document } = structuredClone(request);
  return eTag === undefined ? { ...document } : { ...document, eTag };
}
