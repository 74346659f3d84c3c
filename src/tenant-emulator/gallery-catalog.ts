import type { GalleryApp } from './types.js';

// A small stand-in for the Entra application gallery. GoToMeeting, GoTo and
// AWS Single-Account Access are real gallery SAML apps. Their other fields
// (publisher, URLs, categories, other modes) are plausible values, not
// copies of the live catalog.

const LOGO_BASE = 'https://az495088.vo.msecnd.net/app-logo';

export const galleryCatalog: GalleryApp[] = [
  {
    displayName: 'GoToMeeting',
    publisher: 'LogMeIn, Inc.',
    homePageUrl: 'https://www.goto.com/meeting',
    logoUrl: `${LOGO_BASE}/gotomeeting_215.png`,
    categories: ['collaboration', 'productivity'],
    supportedSingleSignOnModes: ['saml', 'external'],
    supportedProvisioningTypes: ['sync'],
    description: 'Online meetings, video conferencing and screen sharing.',
  },
  {
    displayName: 'GoTo',
    publisher: 'GoTo Technologies USA, Inc.',
    homePageUrl: 'https://www.goto.com/',
    logoUrl: `${LOGO_BASE}/goto_215.png`,
    categories: ['collaboration', 'itInfrastructure'],
    supportedSingleSignOnModes: ['saml', 'external'],
    supportedProvisioningTypes: ['sync'],
    description: 'Communication, collaboration and IT support products.',
  },
  {
    displayName: 'AWS Single-Account Access',
    publisher: 'Amazon',
    homePageUrl: 'https://aws.amazon.com/',
    logoUrl: `${LOGO_BASE}/aws_215.png`,
    categories: ['developerServices', 'itInfrastructure'],
    supportedSingleSignOnModes: ['saml', 'external'],
    supportedProvisioningTypes: ['sync'],
    description: 'Federate one AWS account with Microsoft Entra ID.',
  },
  {
    displayName: 'Microsoft Entra SAML Toolkit',
    publisher: 'Microsoft Corporation',
    homePageUrl: 'https://samltoolkit.azurewebsites.net/',
    logoUrl: `${LOGO_BASE}/samltoolkit_215.png`,
    categories: ['developerServices'],
    supportedSingleSignOnModes: ['saml', 'external'],
    supportedProvisioningTypes: [],
    description: 'A sample app for testing SAML single sign-on.',
  },
  {
    displayName: 'Twitter',
    publisher: 'Twitter',
    homePageUrl: 'https://twitter.com/',
    logoUrl: `${LOGO_BASE}/twitter_215.png`,
    categories: ['socialMedia'],
    supportedSingleSignOnModes: ['password', 'external'],
    supportedProvisioningTypes: [],
    description: null,
  },
];
