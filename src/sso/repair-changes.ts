import type { Application, ServicePrincipal } from '@microsoft/microsoft-graph-types';

const notSet = '(not set)';

function shown(values: readonly string[] | null | undefined): string {
  return values && values.length > 0 ? values.join(', ') : notSet;
}

/**
 * Describes each property that a repair of an existing instance changes, as
 * "Name: current → new", with the names the Entra admin center uses. `spBody`
 * and `appBody` are the PATCH bodies the plan sends.
 */
export function describeRepairChanges(
  servicePrincipal: ServicePrincipal | undefined,
  application: Application | undefined,
  spBody: Record<string, unknown>,
  appBody: Record<string, unknown>,
): string[] {
  const lines: string[] = [];
  if ('preferredSingleSignOnMode' in spBody) {
    lines.push(`Single sign-on mode: ${servicePrincipal?.preferredSingleSignOnMode ?? notSet} → saml`);
  }
  const relayState = (spBody.samlSingleSignOnSettings as { relayState?: string } | undefined)?.relayState;
  if (relayState !== undefined) {
    lines.push(`RelayState: ${servicePrincipal?.samlSingleSignOnSettings?.relayState ?? notSet} → ${relayState}`);
  }
  if (typeof spBody.loginUrl === 'string') {
    lines.push(`Sign on URL: ${servicePrincipal?.loginUrl ?? notSet} → ${spBody.loginUrl}`);
  }
  if (Array.isArray(appBody.identifierUris)) {
    lines.push(`Identifier (Entity ID): ${shown(application?.identifierUris)} → ${shown(appBody.identifierUris as string[])}`);
  }
  const redirectUris = (appBody.web as { redirectUris?: string[] } | undefined)?.redirectUris;
  if (redirectUris !== undefined) {
    lines.push(`Reply URL (Assertion Consumer Service URL): ${shown(application?.web?.redirectUris)} → ${shown(redirectUris)}`);
  }
  return lines;
}
