import type { AppProfile } from './app-profile.js';

// Values from Microsoft's tutorial for the "AWS Single-Account Access"
// gallery app. The default identifier is fixed; AWS accepts a `#n` suffix for
// further instances, which this profile does not set up.
export const awsSingleAccountProfile: AppProfile = {
  id: 'aws-single-account',
  displayName: 'AWS Single-Account Access',
  aliases: ['AWS', 'Amazon Web Services', 'aws-single-account'],
  galleryNames: ['AWS Single-Account Access'],
  instanceDisplayName: 'AWS Single-Account Access',
  identifierUri: 'https://signin.aws.amazon.com/saml',
  replyUrl: 'https://signin.aws.amazon.com/saml',
  signOnUrl: null,
  relayStates: [{ label: 'AWS Management Console', url: 'https://console.aws.amazon.com/' }],
  singleInstance: true,
  userRoleName: 'User',
  certificate: { subject: 'CN=Microsoft Azure Federated SSO Certificate', lifetimeYears: 3 },
  vendorChecklist: [
    { id: 'download-metadata', text: 'Download the Federation Metadata XML from the set-up values.' },
    {
      id: 'create-identity-provider',
      text: 'In the AWS IAM console, add a SAML identity provider and upload the metadata document.',
    },
    { id: 'create-role', text: 'Create an IAM role that trusts the new identity provider, with the permissions users need.' },
    { id: 'test-from-my-apps', text: 'Sign in as the test user and open AWS Single-Account Access from My Apps.' },
  ],
};
