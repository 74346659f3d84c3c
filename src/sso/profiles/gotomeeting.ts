import type { AppProfile } from './app-profile.js';

// Values from Microsoft's tutorial "Configure GoToMeeting for Single sign-on
// with Microsoft Entra ID". The identifier is a fixed string, so only one
// instance can exist in a tenant, and GoToMeeting supports IdP-initiated
// sign-on only, so the sign-on URL stays blank.
export const goToMeetingProfile: AppProfile = {
  id: 'gotomeeting',
  displayName: 'GoToMeeting',
  aliases: ['GoTo Meeting', 'gotomeeting', 'goto-meeting'],
  galleryNames: ['GoToMeeting', 'GoTo Meeting'],
  instanceDisplayName: 'GoToMeeting',
  identifierUri: 'https://authentication.logmeininc.com/saml/sp',
  replyUrl: 'https://authentication.logmeininc.com/saml/acs',
  signOnUrl: null,
  relayStates: [
    { label: 'GoToMeeting', url: 'https://global.gotomeeting.com' },
    { label: 'GoToTraining', url: 'https://global.gototraining.com' },
    { label: 'GoToWebinar', url: 'https://global.gotowebinar.com' },
    { label: 'GoToAssist', url: 'https://app.gotoassist.com' },
  ],
  singleInstance: true,
  userRoleName: 'User',
  certificate: { subject: 'CN=Microsoft Azure Federated SSO Certificate', lifetimeYears: 3 },
  vendorChecklist: [
    {
      id: 'open-organization-center',
      text: 'In a different browser window, sign in to the GoToMeeting Organization Center as an administrator.',
    },
    {
      id: 'enter-identity-provider',
      text: 'On the Identity Provider tab, enter the App Federation Metadata URL from the set-up values and save.',
    },
    { id: 'confirm-identity-provider', text: 'Confirm the prompt that the identity provider has been updated.' },
    { id: 'tick-domain-updated', text: 'Tick "My Identity Provider has been updated with the new domain" and select Done.' },
    {
      id: 'just-in-time-users',
      text: 'Nothing to create on the GoToMeeting side: users are created just in time on their first sign-in.',
      informational: true,
    },
    { id: 'test-from-my-apps', text: 'Sign in as the test user and open GoToMeeting from My Apps to test single sign-on.' },
  ],
};
