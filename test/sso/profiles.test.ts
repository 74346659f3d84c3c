import { describe, expect, it } from 'vitest';
import { findProfileByName, getProfile, goToMeetingProfile, listProfiles } from '../../src/sso/index.js';

describe('profile registry', () => {
  it.each([
    ['GoToMeeting', 'gotomeeting'],
    ['goto meeting', 'gotomeeting'],
    ['GoTo-Meeting', 'gotomeeting'],
    ['aws', 'aws-single-account'],
    ['AWS Single-Account Access', 'aws-single-account'],
  ])('finds %s as %s', (text, id) => {
    expect(findProfileByName(text)?.id).toBe(id);
  });

  it.each(['', 'Salesforce', 'GoTo'])('finds nothing for %j', (text) => {
    expect(findProfileByName(text)).toBeUndefined();
  });

  it('gets profiles by id', () => {
    expect(getProfile('gotomeeting')).toBe(goToMeetingProfile);
    expect(getProfile('missing')).toBeUndefined();
  });

  it('gives every profile a valid shape', () => {
    for (const profile of listProfiles()) {
      expect(profile.certificate.subject.startsWith('CN=')).toBe(true);
      expect(profile.certificate.lifetimeYears).toBeLessThanOrEqual(3);
      expect(profile.identifierUri.endsWith('/')).toBe(false);
      expect(profile.galleryNames.length).toBeGreaterThan(0);
      expect(profile.vendorChecklist.length).toBeGreaterThan(0);
      // The checklist card cuts item titles at 100 characters.
      for (const item of profile.vendorChecklist) expect(item.text.length, item.id).toBeLessThanOrEqual(100);
    }
    expect(new Set(listProfiles().map((profile) => profile.id)).size).toBe(listProfiles().length);
  });
});

describe('GoToMeeting profile', () => {
  it('matches the tutorial values', () => {
    expect(goToMeetingProfile.identifierUri).toBe('https://authentication.logmeininc.com/saml/sp');
    expect(goToMeetingProfile.replyUrl).toBe('https://authentication.logmeininc.com/saml/acs');
    expect(goToMeetingProfile.signOnUrl).toBeNull();
    expect(goToMeetingProfile.singleInstance).toBe(true);
    expect(goToMeetingProfile.userRoleName).toBe('User');
    expect(goToMeetingProfile.relayStates).toEqual([
      { label: 'GoToMeeting', url: 'https://global.gotomeeting.com' },
      { label: 'GoToTraining', url: 'https://global.gototraining.com' },
      { label: 'GoToWebinar', url: 'https://global.gotowebinar.com' },
      { label: 'GoToAssist', url: 'https://app.gotoassist.com' },
    ]);
    expect(goToMeetingProfile.galleryNames).toContain('GoTo Meeting');
  });
});
