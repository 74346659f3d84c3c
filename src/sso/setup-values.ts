import type { AppProfile } from './profiles/index.js';
import type { SetupValues } from './types.js';

/** Hosts that differ between the global service and national clouds. */
export interface CloudHosts {
  /** `AZURE_AUTHORITY_HOST`, for example `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Prefix of the Microsoft Entra Identifier (SAML issuer), before the tenant id. */
  issuerBase: string;
  myAppsHost: string;
}

// The issuer host comes from Microsoft's AD FS migration guide for the global
// service. NOTE: the national-cloud issuer and My Apps hosts follow the
// pattern of their login hosts and are not confirmed by a Microsoft page.
const knownClouds: Record<string, Omit<CloudHosts, 'authorityHost'>> = {
  'login.microsoftonline.com': { issuerBase: 'https://sts.windows.net', myAppsHost: 'https://myapps.microsoft.com' },
  'login.microsoftonline.us': { issuerBase: 'https://login.microsoftonline.us', myAppsHost: 'https://myapps.microsoft.us' },
  'login.chinacloudapi.cn': { issuerBase: 'https://sts.chinacloudapi.cn', myAppsHost: 'https://myapps.azure.cn' },
  'login.partner.microsoftonline.cn': { issuerBase: 'https://sts.chinacloudapi.cn', myAppsHost: 'https://myapps.azure.cn' },
};

/** Returns the cloud's hosts for an authority host. An unknown host, such as the tenant emulator, serves as its own issuer. */
export function cloudFromAuthorityHost(authorityHost: string): CloudHosts {
  const url = new URL(authorityHost);
  const origin = url.origin;
  const known = knownClouds[url.hostname];
  return known ? { authorityHost: origin, ...known } : { authorityHost: origin, issuerBase: origin, myAppsHost: origin };
}

/**
 * Builds the values under "Set up {app}" in the admin center. The federation
 * metadata URL takes the appId (client id), not the application's object id.
 */
export function setupValues(profile: AppProfile, tenantId: string, appId: string, cloud: CloudHosts): SetupValues {
  const tenant = encodeURIComponent(tenantId);
  const samlEndpoint = `${cloud.authorityHost}/${tenant}/saml2`;
  return {
    loginUrl: samlEndpoint,
    entraIdentifier: `${cloud.issuerBase}/${tenant}/`,
    logoutUrl: samlEndpoint,
    federationMetadataUrl: `${cloud.authorityHost}/${tenant}/federationmetadata/2007-06/federationmetadata.xml?appid=${encodeURIComponent(appId)}`,
    userAccessUrl: `${cloud.myAppsHost}/signin/${encodeURIComponent(profile.instanceDisplayName)}/${encodeURIComponent(appId)}?tenantId=${tenant}`,
  };
}
