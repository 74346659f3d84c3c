import type { User } from '@microsoft/microsoft-graph-types';
import type { DirectoryGateway } from '../../directory/index.js';
import type { Logger } from '../../logging/index.js';
import type { Actor } from '../../requests/types.js';

export interface ApproverNamesOptions {
  gateway: DirectoryGateway;
  approverIds: string[];
  approverGroupId?: string;
  logger: Logger;
  now: () => Date;
  /** How long resolved names are reused; 10 minutes by default. */
  ttlMs?: number;
}

const DEFAULT_TTL_MS = 10 * 60 * 1000;

/**
 * The configured approvers with their display names, for request cards.
 * Names are read from the directory at most once per TTL. The cards only
 * name people; whether a click counts is decided by the approval policy.
 */
export class ApproverNames {
  private approvers: Actor[] = [];
  private readUntil = 0;
  private reading: Promise<void> | undefined;

  constructor(private readonly options: ApproverNamesOptions) {}

  /** Returns the names read last, or an empty list until the first `refresh` finished. */
  current(): Actor[] {
    return this.approvers;
  }

  /** Reads the names again when the cached ones are older than the TTL. A failed read keeps the old names. */
  async refresh(): Promise<Actor[]> {
    if (this.options.now().getTime() < this.readUntil) return this.approvers;
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    await this.reading;
    return this.approvers;
  }

  private async read(): Promise<void> {
    const { gateway, approverIds, approverGroupId, logger } = this.options;
    try {
      const users = await Promise.all(approverIds.map((id) => gateway.getUser(id).catch(() => ({ id }) as User)));
      // Nested groups are listed as members too; only people are named.
      const members = (approverGroupId ? await gateway.listGroupMembers(approverGroupId) : []).filter(
        (member) => (member as { '@odata.type'?: string })['@odata.type'] !== '#microsoft.graph.group',
      );
      const byId = new Map<string, Actor>();
      for (const entry of [...users, ...(members as User[])]) {
        if (!entry.id || byId.has(entry.id.toLowerCase())) continue;
        byId.set(entry.id.toLowerCase(), { aadObjectId: entry.id.toLowerCase(), name: entry.displayName ?? entry.userPrincipalName ?? entry.id });
      }
      this.approvers = [...byId.values()];
      this.readUntil = this.options.now().getTime() + (this.options.ttlMs ?? DEFAULT_TTL_MS);
    } catch (error) {
      logger.warn({ err: error, approverGroupId }, 'failed to read the approvers\' names; the cards keep the names read before');
    }
  }
}
