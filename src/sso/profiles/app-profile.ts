/** A RelayState the admin can pick: where the vendor sends users after sign-in. */
export interface RelayStateChoice {
  label: string;
  url: string;
}

/** One item of the manual work on the vendor's side, shown as a checklist. */
export interface VendorChecklistItem {
  id: string;
  text: string;
  /** True for a statement with nothing to do, shown as plain text without a Done button. */
  informational?: boolean;
}

/**
 * Everything the engine needs to set up SAML single sign-on for one gallery
 * app. A profile is plain data; adding an app means adding a profile file.
 */
export interface AppProfile {
  /** Stable id used in change requests, for example `gotomeeting`. */
  id: string;
  /** The name admins use in chat and on cards. */
  displayName: string;
  /** Other names admins may type, matched ignoring case and spaces. */
  aliases: string[];
  /** Gallery template display names, tried in order: exact match first, then contains. */
  galleryNames: string[];
  /** Display name of the application the template creates. */
  instanceDisplayName: string;
  /** Identifier (Entity ID): `application.identifierUris`. */
  identifierUri: string;
  /** Reply URL (Assertion Consumer Service URL): `application.web.redirectUris`. */
  replyUrl: string;
  /** Sign-on URL: `servicePrincipal.loginUrl`; `null` keeps it blank for IdP-initiated sign-on only. */
  signOnUrl: string | null;
  /** Allowed RelayState values; the first is the default. An empty list means no RelayState. */
  relayStates: RelayStateChoice[];
  /** True when the fixed identifier allows only one instance per tenant. */
  singleInstance: boolean;
  /** Display name of the app role that users are assigned to, looked up on the service principal. */
  userRoleName: string;
  certificate: {
    /** Subject of the signing certificate; Graph requires the `CN=` prefix. */
    subject: string;
    /** Validity in years; Graph allows at most 3. */
    lifetimeYears: number;
  };
  /** Manual steps on the vendor's side after the Entra set-up. */
  vendorChecklist: VendorChecklistItem[];
}
