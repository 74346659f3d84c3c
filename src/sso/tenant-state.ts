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
  /** The test user's name before the `@`, used with the default verified domain when no UPN is given. */
  testUserName?: string;
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

interface FirstRound {
  organization: Pick<TenantState, 'tenantId' | 'defaultDomain' | 'verifiedDomains'>;
  application?: Application;
  template: ApplicationTemplate;
}

async function readFirstRound(gateway: DirectoryGateway, profile: AppProfile): Promise<FirstRound> {
  const results = await gateway.batch<unknown>([
    { id: 'organization', url: '/organization' },
    { id: 'applications', url: `/applications${queryString({ $filter: filterAnyEquals('identifierUris', profile.identifierUri) })}` },
    ...profile.galleryNames.map((name, index) => ({
      id: `template-${index}`,
      url: `/applicationTemplates${queryString({ $filter: filterEquals('displayName', name) })}`,
    })),
  ]);
  const byId = new Map(results.map((result) => [result.id, result]));
  const organization = organizationFacts(valueOf<Organization>(byId.get('organization'))[0]);

  const applications = valueOf<Application>(byId.get('applications'));
  if (applications.length > 1) {
    throw new SetupError('duplicate_instances', `${applications.length} applications use the identifier ${profile.identifierUri}; remove the extra ones first.`);
  }

  const exactTemplates = profile.galleryNames.flatMap((_, index) => valueOf<ApplicationTemplate>(byId.get(`template-${index}`)));
  const template = exactTemplates.length === 1 ? exactTemplates[0]! : await gateway.findApplicationTemplate(profile.galleryNames);
  return { organization, application: applications[0], template };
}

/**
 * Returns the one instance of a single-instance app that was added from the
 * gallery but has no identifier yet, so that the plan configures it instead
 * of adding a second one.
 */
async function unconfiguredInstance(gateway: DirectoryGateway, instances: ServicePrincipal[], templateId: string): Promise<{ application?: Application; servicePrincipal?: ServicePrincipal }> {
  if (instances.length === 0) return {};
  if (instances.length > 1) {
    const ids = instances.map((instance) => instance.id).join(', ');
    throw new SetupError('duplicate_instances', `${instances.length} service principals come from gallery template ${templateId} (${ids}); delete the extra applications first.`);
  }
  const servicePrincipal = instances[0]!;
  const application = (await gateway.findApplicationsByAppId(servicePrincipal.appId!))[0];
  if (application === undefined) throw new SetupError('incomplete_tenant', `Service principal ${servicePrincipal.id} has no application in this tenant.`);
  return { application, servicePrincipal };
}

/**
 * Reads what the set-up plan depends on in two rounds of batched GETs. The
 * first round reads the organization, the application with the profile's
 * identifier and the gallery template. The second reads its service
 * principal (or, for a single-instance app, any instance from the template)
 * and the test user. A list call then reads the assignments.
 */
export async function readTenantState(gateway: DirectoryGateway, profile: AppProfile, options: ReadTenantStateOptions = {}): Promise<TenantState> {
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const first = await readFirstRound(gateway, profile);
  const templateId = first.template.id!;

  const lookForInstances = first.application === undefined && profile.singleInstance;
  const testUserPrincipalName = options.testUserPrincipalName
    ?? (options.testUserName ? `${options.testUserName}@${first.organization.defaultDomain}` : undefined);
  const second = await gateway.batch<unknown>([
    ...(first.application?.appId ? [{ id: 'servicePrincipal', url: `/servicePrincipals${queryString({ $filter: filterEquals('appId', first.application.appId) })}` }] : []),
    ...(lookForInstances ? [{ id: 'instances', url: `/servicePrincipals${queryString({ $filter: filterEquals('applicationTemplateId', templateId) })}` }] : []),
    ...(testUserPrincipalName ? [{ id: 'testUser', url: `/users/${pathSegment(testUserPrincipalName)}` }] : []),
  ]);
  const byId = new Map(second.map((result) => [result.id, result]));
  const instance = lookForInstances
    ? await unconfiguredInstance(gateway, valueOf<ServicePrincipal>(byId.get('instances')), templateId)
    : { application: first.application, servicePrincipal: valueOf<ServicePrincipal>(byId.get('servicePrincipal'))[0] };
  const testUser = userFrom(byId.get('testUser') as BatchResult<User> | undefined);
  const assignments = instance.servicePrincipal?.id ? await gateway.listAppRoleAssignedTo(instance.servicePrincipal.id) : [];

  return {
    readAt,
    ...first.organization,
    template: { id: templateId, displayName: first.template.displayName ?? profile.displayName },
    application: instance.application,
    servicePrincipal: instance.servicePrincipal,
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
