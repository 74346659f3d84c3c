import type { Client } from '@microsoft/microsoft-graph-client';
import type {
  Application,
  ApplicationServicePrincipal,
  ApplicationTemplate,
  AppRoleAssignment,
  DirectoryObject,
  Organization,
  SelfSignedCertificate,
  ServicePrincipal,
  User,
} from '@microsoft/microsoft-graph-types';
import type {
  ApplicationPatchOptions,
  AssignmentOptions,
  BatchGet,
  BatchResult,
  CallOptions,
  DirectoryGateway,
  NewUser,
  RetryNotice,
  UserQuery,
} from './directory-gateway.js';
import { DirectoryError } from './directory-error.js';
import { batchGet } from './graph-batch.js';
import { callWithRetry, realSleep, type CallSettings, type Sleep } from './graph-call.js';
import {
  filterAnyEquals,
  filterContains,
  filterEquals,
  filterStartsWith,
  odataString,
  pathSegment,
  queryString,
  relativeNextLink,
  searchClause,
} from './odata.js';
import { defaultRetryPolicy, type RequestTraits, type RetryPolicyOptions } from './retry-policy.js';
import { selectTemplate } from './template-search.js';

export interface GraphDirectoryGatewayOptions {
  client: Client;
  retryPolicy?: Partial<RetryPolicyOptions>;
  /** Called before every retry, for logs. */
  onRetry?: (notice: RetryNotice) => void;
  sleep?: Sleep;
  /** A request without a response after this long fails, and a creating POST then has an unknown outcome. */
  requestTimeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** The `DirectoryGateway` over `@microsoft/microsoft-graph-client`. */
export class GraphDirectoryGateway implements DirectoryGateway {
  private readonly client: Client;
  private readonly settings: CallSettings;
  private readonly requestTimeoutMs: number;

  constructor(options: GraphDirectoryGatewayOptions) {
    this.client = options.client;
    this.settings = {
      policy: { ...defaultRetryPolicy, ...options.retryPolicy },
      sleep: options.sleep ?? realSleep,
      onRetry: options.onRetry,
    };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  private async send<T>(method: Method, path: string, traits: RequestTraits, options: CallOptions = {}, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const operation = `${method} ${path.split('?')[0]}`;
    return callWithRetry(this.settings, { operation, traits, onRetry: options.onRetry, signal: options.signal }, async () => {
      const timeout = AbortSignal.timeout(this.requestTimeoutMs);
      const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
      const request = this.client.api(path).options({ signal }).headers(headers ?? {});
      switch (method) {
        case 'GET':
          return (await request.get()) as T;
        case 'POST':
          return (await request.post(body)) as T;
        case 'PATCH':
          return (await request.patch(body)) as T;
        case 'DELETE':
          return (await request.delete()) as T;
      }
    });
  }

  private async list<T>(path: string, options: CallOptions = {}, headers?: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      const page: Page<T> = await this.send<Page<T>>('GET', next, { idempotent: true, fresh: options.fresh }, options, undefined, headers);
      items.push(...(page.value ?? []));
      next = page['@odata.nextLink'] === undefined ? undefined : relativeNextLink(page['@odata.nextLink']);
    }
    return items;
  }

  async findApplicationTemplates(names: string | string[]): Promise<ApplicationTemplate[]> {
    const all = Array.isArray(names) ? names : [names];
    for (const filter of [filterEquals, filterContains]) {
      const found: ApplicationTemplate[] = [];
      for (const name of all) {
        found.push(...(await this.list<ApplicationTemplate>(`/applicationTemplates${queryString({ $filter: filter('displayName', name) })}`)));
      }
      if (found.length > 0) return [...new Map(found.map((template) => [template.id, template])).values()];
    }
    return [];
  }

  async findApplicationTemplate(names: string[]): Promise<ApplicationTemplate> {
    return selectTemplate(names, await this.findApplicationTemplates(names));
  }

  async instantiateTemplate(templateId: string, displayName: string, options?: CallOptions): Promise<ApplicationServicePrincipal> {
    const created = await this.send<ApplicationServicePrincipal>('POST', `/applicationTemplates/${pathSegment(templateId)}/instantiate`, { idempotent: false }, options, { displayName });
    if (!created?.application?.id || !created.servicePrincipal?.id) {
      throw new DirectoryError('invalid_response', 'The instantiate response did not contain both the application and the service principal.');
    }
    return created;
  }

  getApplication(id: string, options?: CallOptions): Promise<Application> {
    return this.send('GET', `/applications/${pathSegment(id)}`, { idempotent: true, fresh: options?.fresh }, options);
  }

  async patchApplication(id: string, body: Application, options?: ApplicationPatchOptions): Promise<void> {
    const traits = { idempotent: true, fresh: options?.fresh, afterSamlSwitch: options?.afterSamlSwitch };
    await this.send('PATCH', `/applications/${pathSegment(id)}`, traits, options, body);
  }

  async deleteApplication(id: string, options?: CallOptions): Promise<void> {
    await this.send('DELETE', `/applications/${pathSegment(id)}`, { idempotent: true, fresh: options?.fresh }, options);
  }

  findApplicationsByIdentifierUri(identifierUri: string): Promise<Application[]> {
    return this.list(`/applications${queryString({ $filter: filterAnyEquals('identifierUris', identifierUri) })}`);
  }

  findApplicationsByAppId(appId: string): Promise<Application[]> {
    return this.list(`/applications${queryString({ $filter: filterEquals('appId', appId) })}`);
  }

  getServicePrincipal(id: string, options?: CallOptions): Promise<ServicePrincipal> {
    return this.send('GET', `/servicePrincipals/${pathSegment(id)}`, { idempotent: true, fresh: options?.fresh }, options);
  }

  async findServicePrincipalByAppId(appId: string): Promise<ServicePrincipal | undefined> {
    const found = await this.list<ServicePrincipal>(`/servicePrincipals${queryString({ $filter: filterEquals('appId', appId) })}`);
    return found[0];
  }

  findServicePrincipalsByTemplateId(templateId: string): Promise<ServicePrincipal[]> {
    return this.list(`/servicePrincipals${queryString({ $filter: filterEquals('applicationTemplateId', templateId) })}`);
  }

  async patchServicePrincipal(id: string, body: ServicePrincipal, options?: CallOptions): Promise<void> {
    await this.send('PATCH', `/servicePrincipals/${pathSegment(id)}`, { idempotent: true, fresh: options?.fresh }, options, body);
  }

  addTokenSigningCertificate(servicePrincipalId: string, request: { displayName: string; endDateTime?: string }, options?: CallOptions): Promise<SelfSignedCertificate> {
    const path = `/servicePrincipals/${pathSegment(servicePrincipalId)}/addTokenSigningCertificate`;
    return this.send('POST', path, { idempotent: false, fresh: options?.fresh }, options, request);
  }

  activateSigningCertificate(servicePrincipalId: string, thumbprint: string, options?: CallOptions): Promise<void> {
    return this.patchServicePrincipal(servicePrincipalId, { preferredTokenSigningKeyThumbprint: thumbprint }, options);
  }

  // Async so that a key `pathSegment` rejects arrives as a rejection, like every Graph error.
  async getUser(idOrUserPrincipalName: string, options?: CallOptions): Promise<User> {
    // Graph reads a key that starts with `$` as a system query option unless it is a quoted key.
    const key = idOrUserPrincipalName.startsWith('$')
      ? `(${pathSegment(odataString(idOrUserPrincipalName))})`
      : `/${pathSegment(idOrUserPrincipalName)}`;
    return this.send('GET', `/users${key}`, { idempotent: true, fresh: options?.fresh }, options);
  }

  findUsers(query: UserQuery): Promise<User[]> {
    let filter: string;
    if ('displayName' in query) filter = filterEquals('displayName', query.displayName);
    else if ('startsWith' in query) filter = filterStartsWith('displayName', query.startsWith);
    else if ('upn' in query) filter = filterEquals('userPrincipalName', query.upn);
    else filter = filterEquals('mail', query.mail);
    return this.list(`/users${queryString({ $filter: filter })}`);
  }

  searchUsers(text: string): Promise<User[]> {
    const search = ['displayName', 'mail', 'userPrincipalName'].map((property) => searchClause(property, text)).join(' OR ');
    return this.list(`/users${queryString({ $search: search })}`, {}, { ConsistencyLevel: 'eventual' });
  }

  createUser(user: NewUser, options?: CallOptions): Promise<User> {
    const body = {
      accountEnabled: true,
      displayName: user.displayName,
      mailNickname: user.mailNickname,
      userPrincipalName: user.userPrincipalName,
      passwordProfile: { password: user.password, forceChangePasswordNextSignIn: user.forceChangePasswordNextSignIn },
    };
    return this.send('POST', '/users', { idempotent: false }, options, body);
  }

  listAppRoleAssignedTo(servicePrincipalId: string, options?: CallOptions): Promise<AppRoleAssignment[]> {
    return this.list(`/servicePrincipals/${pathSegment(servicePrincipalId)}/appRoleAssignedTo`, options);
  }

  addAppRoleAssignment(servicePrincipalId: string, assignment: { principalId: string; appRoleId: string }, options?: AssignmentOptions): Promise<AppRoleAssignment> {
    const path = `/servicePrincipals/${pathSegment(servicePrincipalId)}/appRoleAssignedTo`;
    const traits = { idempotent: false, fresh: options?.fresh, freshReference: options?.freshPrincipal };
    return this.send('POST', path, traits, options, { ...assignment, resourceId: servicePrincipalId });
  }

  async removeAppRoleAssignment(servicePrincipalId: string, assignmentId: string, options?: CallOptions): Promise<void> {
    const path = `/servicePrincipals/${pathSegment(servicePrincipalId)}/appRoleAssignedTo/${pathSegment(assignmentId)}`;
    await this.send('DELETE', path, { idempotent: true }, options);
  }

  async checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]> {
    // checkMemberGroups only reads, so sending it again is safe.
    const answer = await this.send<{ value?: string[] }>('POST', `/users/${pathSegment(userId)}/checkMemberGroups`, { idempotent: true }, {}, { groupIds });
    return answer.value ?? [];
  }

  async getOrganization(): Promise<Organization> {
    const organizations = await this.list<Organization>('/organization');
    const organization = organizations[0];
    if (organization === undefined) throw new DirectoryError('not_found', 'Graph returned no organization for this tenant.');
    return organization;
  }

  listGroupMembers(groupId: string): Promise<DirectoryObject[]> {
    return this.list(`/groups/${pathSegment(groupId)}/members`);
  }

  batch<T = unknown>(requests: BatchGet[]): Promise<Array<BatchResult<T>>> {
    return batchGet<T>(this.client, this.settings, requests);
  }
}
