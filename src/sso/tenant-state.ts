import type { Application, AppRoleAssignment, ApplicationTemplate, Organization, ServicePrincipal, User } from '@microsoft/microsoft-graph-types';
import { filterAnyEquals, filterEquals, isDirectoryError, pathSegment, queryString, type BatchResult, type DirectoryGateway } from '../directory/index.js';
import type { AppProfile } from './profiles/index.js';
import { SetupError } from './setup-error.js';

/** The tenant facts the planner needs, as plain JSON so that a plan can be rebuilt from them. */
export interface TenantState {
  /** When the tenant was read, so that certificate expiry is judged without a clock inside the planner. */
  readAt: string;
  tenantId: string;
  /** The default verified domain, used for the test user's UPN. */
  defaultDomain: string;
  verifiedDomains: string[];
  template: { id: string; displayName: string };
  application?: Application;
  servicePrincipal?: ServicePrincipal;
  assignments: AppRoleAssignment[];
  /** The test user, when `testUserPrincipalName` was given and the user exists. */
  testUser?: User;
}

export interface ReadTenantStateOptions {
  /** The UPN of the test user to look for. */
  testUserPrincipalName?: string;
  now?: () => Date;
}

function valueOf<T>(result: BatchResult<unknown> | undefined): T[] {
  if (result === undefined) return [];
  if (result.error) throw result.error;
  return (result.body as { value?: T[] } | undefined)?.value ?? [];
}

function organizationFacts(organization: Organization | undefined): Pick<TenantState, 'tenantId' | 'defaultDomain' | 'verifiedDomains'> {
  const domains = organization?.verifiedDomains ?? [];
  const defaultDomain = domains.find((domain) => domain.isDefault)?.name ?? domains[0]?.name;
  if (!organization?.id || !defaultDomain) throw new SetupError('incomplete_tenant', 'Graph returned an organization without an id or without a verified domain.');
  return { tenantId: organization.id, defaultDomain, verifiedDomains: domains.flatMap((domain) => (domain.name ? [domain.name] : [])) };
}

/**
 * Reads what the set-up plan depends on in two rounds of batched GETs. The
 * first round reads the organization, the application with the profile's
 * identifier and the gallery template. The second reads the service
 * principal and the test user, and a list call then reads the assignments.
 */
export async function readTenantState(gateway: DirectoryGateway, profile: AppProfile, options: ReadTenantStateOptions = {}): Promise<TenantState> {
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const first = await gateway.batch<unknown>([
    { id: 'organization', url: '/organization' },
    { id: 'applications', url: `/applications${queryString({ $filter: filterAnyEquals('identifierUris', profile.identifierUri) })}` },
    ...profile.galleryNames.map((name, index) => ({
      id: `template-${index}`,
      url: `/applicationTemplates${queryString({ $filter: filterEquals('displayName', name) })}`,
    })),
  ]);
  const byId = new Map(first.map((result) => [result.id, result]));
  const organization = organizationFacts(valueOf<Organization>(byId.get('organization'))[0]);
  const applications = valueOf<Application>(byId.get('applications'));
  if (applications.length > 1) {
    throw new SetupError('duplicate_instances', `${applications.length} applications use the identifier ${profile.identifierUri}; remove the extra ones first.`);
  }
  const application = applications[0];
  const exactTemplates = profile.galleryNames.flatMap((_, index) => valueOf<ApplicationTemplate>(byId.get(`template-${index}`)));
  const template = exactTemplates.length === 1 ? exactTemplates[0]! : await gateway.findApplicationTemplate(profile.galleryNames);

  const second = await gateway.batch<unknown>([
    ...(application?.appId ? [{ id: 'servicePrincipal', url: `/servicePrincipals${queryString({ $filter: filterEquals('appId', application.appId) })}` }] : []),
    ...(options.testUserPrincipalName ? [{ id: 'testUser', url: `/users/${pathSegment(options.testUserPrincipalName)}` }] : []),
  ]);
  const secondById = new Map(second.map((result) => [result.id, result]));
  const servicePrincipal = valueOf<ServicePrincipal>(secondById.get('servicePrincipal'))[0];
  const testUser = userFrom(secondById.get('testUser') as BatchResult<User> | undefined);
  const assignments = servicePrincipal?.id ? await gateway.listAppRoleAssignedTo(servicePrincipal.id) : [];

  return {
    readAt,
    ...organization,
    template: { id: template.id!, displayName: template.displayName ?? profile.displayName },
    application,
    servicePrincipal,
    assignments,
    testUser,
  };
}

function userFrom(result: BatchResult<User> | undefined): User | undefined {
  if (result === undefined) return undefined;
  if (result.error) {
    if (isDirectoryError(result.error, 'not_found')) return undefined;
    throw result.error;
  }
  return result.body;
}
