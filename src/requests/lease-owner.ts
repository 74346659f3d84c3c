import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Creates the run-lease owner name of this process: host, process id and a
 * random suffix, so that a restarted process never mistakes the lease of its
 * previous life for its own.
 */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
