import { randomUUID } from 'node:crypto';
import { notFound } from './graph-error.js';
import { LagTracker } from './lag-tracker.js';
import type { EmulatorState, JsonObject, LagSetting, TenantSeed, VerifiedDomain } from './types.js';

export type CollectionName = 'applications' | 'servicePrincipals' | 'users' | 'groups' | 'assignments';

/**
 * The directory behind the emulator: objects by id, the gallery with ids made
 * at start, replication lag of new objects and the SAML-mode switch lag.
 */
export class TenantState implements EmulatorState {
  readonly applications = new Map<string, JsonObject>();
  readonly servicePrincipals = new Map<string, JsonObject>();
  readonly users = new Map<string, JsonObject>();
  readonly groups = new Map<string, JsonObject>();
  readonly assignments = new Map<string, JsonObject>();
  readonly templates = new Map<string, JsonObject>();
  readonly signingKeys = new Map<string, string>();
  readonly replication: LagTracker;
  readonly samlSwitch: LagTracker;
  readonly tenantId: string;
  readonly displayName: string;
  readonly verifiedDomains: VerifiedDomain[];

  constructor(seed: TenantSeed, replicationLag: LagSetting = {}, samlModeLag: LagSetting = {}) {
    this.tenantId = seed.tenantId;
    this.displayName = seed.displayName;
    this.verifiedDomains = seed.verifiedDomains.map((domain) => ({ ...domain }));
    this.replication = new LagTracker(replicationLag);
    this.samlSwitch = new LagTracker(samlModeLag);
    this.loadSeed(seed);
  }

  private loadSeed(seed: TenantSeed): void {
    for (const user of seed.users) {
      this.users.set(user.id, {
        id: user.id,
        accountEnabled: true,
        businessPhones: [],
        displayName: user.displayName,
        givenName: user.givenName ?? null,
        jobTitle: user.jobTitle ?? null,
        mail: user.mail,
        mailNickname: user.userPrincipalName.split('@')[0],
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: null,
        surname: user.surname ?? null,
        userPrincipalName: user.userPrincipalName,
        userType: user.userType ?? 'Member',
        createdDateTime: '2026-01-05T09:00:00Z',
      });
    }
    for (const group of seed.groups) {
      this.groups.set(group.id, { id: group.id, displayName: group.displayName, memberIds: [...group.memberIds] });
    }
    for (const app of seed.gallery) {
      const id = randomUUID();
      this.templates.set(id, { id, ...app });
    }
  }

  collection(name: CollectionName): Map<string, JsonObject> {
    return this[name];
  }

  isVerifiedDomain(host: string): boolean {
    const lowered = host.toLowerCase();
    return this.verifiedDomains.some(({ name }) => lowered === name.toLowerCase() || lowered.endsWith(`.${name.toLowerCase()}`));
  }

  /** Records a new object so that it lags like a fresh write in Entra. */
  created(collection: CollectionName, object: JsonObject): void {
    this.collection(collection).set(object.id as string, object);
    this.replication.start(object.id as string);
  }

  /** Looks an object up by id as a direct read would: lagging objects are not found. */
  require(collection: CollectionName, id: string): JsonObject {
    const object = this.collection(collection).get(id);
    if (object === undefined || this.replication.check(id)) {
      throw notFound(id);
    }
    return object;
  }

  /** Objects a list query returns: lagging objects are left out. */
  listVisible(collection: CollectionName): JsonObject[] {
    return [...this.collection(collection).values()].filter((object) => !this.replication.check(object.id as string));
  }

  findUser(idOrPrincipalName: string): JsonObject | undefined {
    const byId = this.users.get(idOrPrincipalName);
    if (byId !== undefined) {
      return byId;
    }
    const lowered = idOrPrincipalName.toLowerCase();
    return [...this.users.values()].find((user) => (user.userPrincipalName as string).toLowerCase() === lowered);
  }

  requireUser(idOrPrincipalName: string): JsonObject {
    const user = this.findUser(idOrPrincipalName);
    if (user === undefined || this.replication.check(user.id as string)) {
      throw notFound(idOrPrincipalName);
    }
    return user;
  }

  /** Removes an application with its service principals and their role assignments. */
  deleteApplication(id: string): void {
    const application = this.applications.get(id);
    this.applications.delete(id);
    this.replication.forget(id);
    for (const servicePrincipal of [...this.servicePrincipals.values()]) {
      if (servicePrincipal.appId === application?.appId) {
        this.deleteServicePrincipal(servicePrincipal.id as string);
      }
    }
  }

  deleteServicePrincipal(id: string): void {
    this.servicePrincipals.delete(id);
    this.replication.forget(id);
    for (const [assignmentId, assignment] of this.assignments) {
      if (assignment.resourceId === id || assignment.principalId === id) {
        this.assignments.delete(assignmentId);
      }
    }
  }

  /** Ids of the groups the object belongs to, directly or through nested groups. */
  transitiveGroupIds(objectId: string): Set<string> {
    const found = new Set<string>();
    const queue = [objectId];
    while (queue.length > 0) {
      const memberId = queue.shift() as string;
      for (const group of this.groups.values()) {
        const id = group.id as string;
        if (!found.has(id) && (group.memberIds as string[]).includes(memberId)) {
          found.add(id);
          queue.push(id);
        }
      }
    }
    return found;
  }
}
