import type { Application, ApplicationServicePrincipal, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { isDirectoryError, DirectoryError } from '../directory/index.js';
import { pollUntilFound, type StepContext } from './run-context.js';
import { SetupError } from './setup-error.js';

// Graph's id for "default access", used only when the app defines no roles at all.
const defaultAccessRoleId = '00000000-0000-0000-0000-000000000000';

function roleIdOf(servicePrincipal: ServicePrincipal | null | undefined, roleName: string): string | undefined {
  const roles = servicePrincipal?.appRoles ?? [];
  if (roles.length === 0) return defaultAccessRoleId;
  return roles.find((role) => role.displayName === roleName && role.isEnabled !== false)?.id ?? undefined;
}

/** Records an instance found in the tenant as this run's outputs, looking up its application when not given. */
async function adoptServicePrincipal(context: StepContext, servicePrincipal: ServicePrincipal, createdByRun: boolean, known?: Application): Promise<void> {
  const application = known ?? (await pollUntilFound(context, async () => (await context.gateway.findApplicationsByAppId(servicePrincipal.appId!))[0]));
  if (!application?.id) throw new SetupError('incomplete_tenant', `Found service principal ${servicePrincipal.id} but not its application.`);
  await context.record(
    { applicationId: application.id, appId: servicePrincipal.appId, servicePrincipalId: servicePrincipal.id, userRoleId: roleIdOf(servicePrincipal, String(context.params.userRoleName)) },
    createdByRun ? [{ type: 'application', id: application.id }, { type: 'servicePrincipal', id: servicePrincipal.id! }] : [],
  );
}

/** Looks for the instance an earlier attempt may have created, polling because lists lag behind writes. */
async function findEarlierInstance(context: StepContext): Promise<ServicePrincipal | undefined> {
  const templateId = String(context.params.templateId);
  const found = await pollUntilFound(context, async () => {
    const candidates = await context.gateway.findServicePrincipalsByTemplateId(templateId);
    return candidates.length > 0 ? candidates : undefined;
  });
  if (found !== undefined && found.length > 1) {
    throw new SetupError('duplicate_instances', `${found.length} service principals were created from template ${templateId}: ${found.map((sp) => sp.id).join(', ')}. Delete the extra applications, then resume.`);
  }
  return found?.[0];
}

async function waitForObjects(context: StepContext, created: ApplicationServicePrincipal): Promise<void> {
  // Use the ids from the 201 response: a search by name may not see the new objects for a while.
  await Promise.all([
    context.gateway.getServicePrincipal(created.servicePrincipal!.id!, { ...context.call, fresh: true }),
    context.gateway.getApplication(created.application!.id!, { ...context.call, fresh: true }),
  ]);
}

/**
 * Instantiates the gallery template once. Before sending the POST, it looks
 * for an existing instance by the ids a crashed attempt stored and by the
 * identifier. After an attempt whose outcome was unknown, or one that a
 * stopped run left in flight, it also looks by the template id.
 */
export async function runInstantiate(context: StepContext): Promise<void> {
  const { gateway, params, outputs } = context;
  if (typeof outputs.servicePrincipalId === 'string') {
    await gateway.getServicePrincipal(outputs.servicePrincipalId, { ...context.call, fresh: true });
    return;
  }
  const existing = (await gateway.findApplicationsByIdentifierUri(String(params.identifierUri)))[0];
  if (existing?.appId) {
    const servicePrincipal = await gateway.findServicePrincipalByAppId(existing.appId);
    if (servicePrincipal) return adoptServicePrincipal(context, servicePrincipal, false, existing);
  }
  // A POST in flight when the earlier run stopped may have created the instance.
  if (outputs.instantiateOutcomeUnknown === true || context.interrupted) {
    const earlier = await findEarlierInstance(context);
    if (earlier) return adoptServicePrincipal(context, earlier, true);
  }

  let created: ApplicationServicePrincipal;
  try {
    created = await gateway.instantiateTemplate(String(params.templateId), String(params.displayName), context.call);
  } catch (error) {
    if (!isDirectoryError(error, 'unknown_outcome')) throw error;
    context.logger.warn({ err: error }, 'instantiate outcome unknown; looking for the new instance before repeating');
    await context.record({ instantiateOutcomeUnknown: true });
    const earlier = await findEarlierInstance(context);
    if (earlier) return adoptServicePrincipal(context, earlier, true);
    throw error;
  }

  const { application, servicePrincipal } = created;
  await context.record(
    { applicationId: application!.id, appId: application!.appId, servicePrincipalId: servicePrincipal!.id, userRoleId: roleIdOf(servicePrincipal, String(params.userRoleName)) },
    [{ type: 'application', id: application!.id! }, { type: 'servicePrincipal', id: servicePrincipal!.id! }],
  );
  await waitForObjects(context, created);
}

/**
 * Compares a wanted value with the current one. Objects match when every
 * wanted property matches, so extra properties that Graph returns (such as
 * annotations) do not count as a difference. Arrays must be equal.
 */
function differs(current: unknown, wanted: unknown): boolean {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(wanted) && isObject(current)) return Object.entries(wanted).some(([key, value]) => differs(current[key], value));
  return JSON.stringify(current ?? null) !== JSON.stringify(wanted ?? null);
}

/** PATCHes the service principal with the planned body, unless it already matches. */
export async function runConfigureServicePrincipal(context: StepContext): Promise<void> {
  const id = String(context.params.servicePrincipalId);
  const body = context.params.body as Record<string, unknown>;
  const options = { ...context.call, fresh: context.isFresh(id) };
  const current = (await context.gateway.getServicePrincipal(id, options)) as Record<string, unknown>;
  const changes = Object.fromEntries(Object.entries(body).filter(([key, value]) => differs(current[key], value)));
  if (Object.keys(changes).length === 0) return;
  await context.gateway.patchServicePrincipal(id, changes, options);
}

function applicationMatches(application: Application, body: Record<string, unknown>): boolean {
  const wantedUris = body.identifierUris as string[] | undefined;
  const wantedWeb = body.web as { redirectUris?: string[] } | undefined;
  const urisMatch = wantedUris === undefined || wantedUris.every((uri) => application.identifierUris?.includes(uri));
  const webMatches = wantedWeb === undefined || !differs(application.web?.redirectUris ?? [], wantedWeb.redirectUris);
  return urisMatch && webMatches;
}

/** PATCHes the identifier and reply URL; an identifier used by another application fails as `conflict`. */
export async function runConfigureApplication(context: StepContext): Promise<void> {
  const id = String(context.params.applicationId);
  const body = context.params.body as Record<string, unknown>;
  const options = { ...context.call, fresh: context.isFresh(id), afterSamlSwitch: context.params.afterSamlSwitch === true };
  const current = await context.gateway.getApplication(id, options);
  if (applicationMatches(current, body)) return;
  try {
    await context.gateway.patchApplication(id, body, options);
  } catch (error) {
    if (isDirectoryError(error, 'conflict')) {
      const uris = (body.identifierUris as string[] | undefined)?.join(', ') ?? '';
      throw new DirectoryError('conflict', `Another application in the tenant already uses the identifier ${uris}. Only one instance can use it: delete or change the other application, then resume.`, {
        graphCode: error.graphCode, graphRequestId: error.graphRequestId, httpStatus: error.httpStatus, detailCodes: error.detailCodes, cause: error,
      });
    }
    throw error;
  }
}
