import { describe, expect, it } from 'vitest';
import { StorageError, isEtagConflict } from '../../src/storage/types.js';

describe('StorageError', () => {
  it('is recognised as an eTag conflict by its code', () => {
    expect(isEtagConflict(new StorageError('etag_conflict', 'stale write'))).toBe(true);
    expect(isEtagConflict(new StorageError('unavailable', 'down'))).toBe(false);
  });
});
