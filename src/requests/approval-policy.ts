import type { Logger } from 'pino';
import type { Actor } from './types.js';

/**
 * Returns the ids among `groupIds` that the user is a member of, including
 * through nested groups (Graph `checkMemberGroups`). The directory gateway
 * provides it.
 */
export type CheckMemberGroups = (userId: string, groupIds: string[]) => Promise<string[]>;

export interface ApprovalPolicyOptions {
  /** Entra object ids of people who may approve. */
  approverIds: string[];
  /** An Entra group whose members may approve. */
  approverGroupId?: string;
  checkMemberGroups: CheckMemberGroups;
  approvalsRequired: number;
  /** How long a group membership result is reused, in milliseconds; 60,000 by default. */
  cacheTtlMs?: number;
  /** Memberships kept in the cache at most; the oldest entry goes first. */
  maxCacheEntries?: number;
  now?: () => number;
  logger?: Logger;
}

export interface ApprovalPolicy {
  readonly approvalsRequired: number;
  /**
   * Resolves true when the actor is a configured approver or a member of the
   * approver group. It never rejects: an actor without an Entra object id,
   * or a failed group check, resolves false.
   */
  isApprover(actor: Pick<Actor, 'aadObjectId'>): Promise<boolean>;
}

const DEFAULT_CACHE_TTL_MS = 60_000;
const DEFAULT_MAX_CACHE_ENTRIES = 1_000;

interface CachedMembership {
  member: boolean;
  until: number;
}

export function createApprovalPolicy(options: ApprovalPolicyOptions): ApprovalPolicy {
  const approverIds = new Set(options.approverIds.map((id) => id.trim().toLowerCase()).filter((id) => id !== ''));
  const groupId = options.approverGroupId?.trim() || undefined;
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const maxEntries = options.maxCacheEntries ?? DEFAULT_MAX_CACHE_ENTRIES;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CachedMembership>();
  const inFlight = new Map<string, Promise<boolean>>();

  async function lookUpMembership(userId: string, group: string): Promise<boolean> {
    try {
      const groups = await options.checkMemberGroups(userId, [group]);
      const member = groups.some((id) => id.toLowerCase() === group.toLowerCase());
      remember(userId, member);
      return member;
    } catch (error) {
      // Fail closed and cache nothing, so the next click calls Graph again.
      options.logger?.warn({ err: error, userId, groupId: group }, 'approver group check failed; treating the user as no approver');
      return false;
    }
  }

  function remember(userId: string, member: boolean): void {
    cache.delete(userId);
    cache.set(userId, { member, until: now() + cacheTtlMs });
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function isGroupMember(userId: string, group: string): Promise<boolean> {
    const cached = cache.get(userId);
    if (cached && cached.until > now()) return cached.member;

    const pending = inFlight.get(userId);
    if (pending) return pending;

    // The deletion runs in a later microtask, so it always follows the `set` below.
    const lookup = lookUpMembership(userId, group).finally(() => inFlight.delete(userId));
    inFlight.set(userId, lookup);
    return lookup;
  }

  return {
    approvalsRequired: Math.max(1, options.approvalsRequired),
    async isApprover(actor) {
      const userId = actor.aadObjectId?.trim().toLowerCase();
      if (!userId) return false;
      if (approverIds.has(userId)) return true;
      if (!groupId) return false;
      return isGroupMember(userId, groupId);
    },
  };
}
