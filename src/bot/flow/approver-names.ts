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
 * Cache of the configured approvers' display names, for request cards. A
 * successful read is reused for the TTL, but after a failed read the next
 * `refresh` reads again. The cards only name people, and the approval policy
 * decides whether a click counts.
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

  /**
   * Reads the names again when the cached ones are older than the TTL. A
   * failed group read keeps the old names. An approver whose user read fails
   * is named by their object id until the next read.
   */
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
      const users = await Promise.all(
        approverIds.map((id) =>
          gateway.getUser(id).catch((error: unknown) => {
            logger.warn({ err: error, approverId: id }, 'failed to read an approver, so the cards name them by object id');
            return { id } as User;
          }),
        ),
      );
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
