import { describe, expect, it } from 'vitest';
import { goToMeetingProfile, planActivation, planRotation, RotationError, rotationTarget, type RotationTarget } from '../../src/sso/index.js';

const now = new Date('2027-03-01T12:00:00Z');
const current = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const inactive = 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const expired = 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';

function key(thumbprint: string, usage: 'Sign' | 'Verify', endDateTime: string) {
  return { customKeyIdentifier: Buffer.from(thumbprint, 'hex').toString('base64'), usage, endDateTime, type: 'AsymmetricX509Cert' };
}

function target(): RotationTarget {
  return rotationTarget(
    {
      id: 'sp-1',
      preferredTokenSigningKeyThumbprint: current,
      keyCredentials: [
        key(current, 'Sign', '2027-04-01T00:00:00Z'),
        key(current, 'Verify', '2027-04-01T00:00:00Z'),
        key(inactive, 'Verify', '2030-03-01T00:00:00Z'),
        key(expired, 'Verify', '2027-01-01T00:00:00Z'),
        key('DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD', 'Sign', '2030-03-01T00:00:00Z'),
      ],
    },
    now,
  );
}

describe('rotationTarget', () => {
  it('lists Verify keys and the active certificate', () => {
    const read = target();
    expect(read.certificates.map((certificate) => certificate.thumbprint)).toEqual([current, inactive, expired]);
    expect(read.current).toEqual({ thumbprint: current, notAfter: '2027-04-01T00:00:00.000Z', daysLeft: 30 });
  });
});

describe('planRotation', () => {
  it('adds without activating in add-only mode', () => {
    const plan = planRotation(goToMeetingProfile, target(), 'add-only');
    expect(plan.kind).toBe('rotate-certificate');
    expect(plan.steps.map((step) => step.kind)).toEqual(['add-signing-certificate']);
    expect(plan.steps[0]!.params).toMatchObject({ servicePrincipalId: 'sp-1', subject: goToMeetingProfile.certificate.subject, lifetimeYears: 3 });
    expect(plan.summary[0]).toBe(`Active certificate now: ${current}, expires 2027-04-01, 30 days left.`);
  });

  it('activates the added certificate in add-and-activate mode', () => {
    const plan = planRotation(goToMeetingProfile, target(), 'add-and-activate');
    expect(plan.steps.map((step) => step.kind)).toEqual(['add-signing-certificate', 'activate-signing-certificate']);
    expect(plan.steps[1]!.params.thumbprint).toBe('{certificateThumbprint}');
    expect(plan.steps[1]!.dependsOn).toEqual(['add-certificate']);
  });

  it('gives each mode its own hash', () => {
    const addOnly = planRotation(goToMeetingProfile, target(), 'add-only');
    const activating = planRotation(goToMeetingProfile, target(), 'add-and-activate');
    expect(addOnly.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(addOnly.hash).not.toBe(activating.hash);
    expect(planRotation(goToMeetingProfile, target(), 'add-only').hash).toBe(addOnly.hash);
  });
});

describe('planActivation', () => {
  it('activates an unexpired inactive certificate', () => {
    const plan = planActivation(goToMeetingProfile, target(), inactive.toLowerCase());
    expect(plan.noChanges).toBe(false);
    expect(plan.steps).toHaveLength(1);
    expect(plan.steps[0]!.kind).toBe('activate-existing-certificate');
    expect(plan.steps[0]!.requests[0]).toEqual({ method: 'PATCH', path: '/servicePrincipals/sp-1', body: { preferredTokenSigningKeyThumbprint: inactive } });
    expect(plan.choices).toEqual({ activateThumbprint: inactive, currentThumbprint: current });
  });

  it('plans nothing for the active certificate', () => {
    const plan = planActivation(goToMeetingProfile, target(), current);
    expect(plan.noChanges).toBe(true);
    expect(plan.steps).toEqual([]);
  });

  it.each([
    ['a thumbprint of no key', 'EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE', 'unknown_certificate'],
    ['a Sign key without a Verify key', 'DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD', 'unknown_certificate'],
    ['an expired certificate', expired, 'expired_certificate'],
  ])('rejects %s', (_name, thumbprint, code) => {
    expect(() => planActivation(goToMeetingProfile, target(), thumbprint)).toThrow(RotationError);
    try {
      planActivation(goToMeetingProfile, target(), thumbprint);
    } catch (error) {
      expect(error).toMatchObject({ code, name: 'RotationError' });
    }
  });
});

describe('planRotation summary', () => {
  it('lists unexpired inactive certificates', () => {
    const plan = planRotation(goToMeetingProfile, target(), 'add-only');
    expect(plan.summary).toContain(`Inactive certificate already added: ${inactive}, expires 2030-03-01.`);
    expect(plan.summary.join('\n')).not.toContain(expired);
  });

  it('says when the active certificate has expired', () => {
    const later = rotationTarget(
      { id: 'sp-1', preferredTokenSigningKeyThumbprint: current, keyCredentials: [key(current, 'Verify', '2027-02-01T00:00:00Z')] },
      now,
    );
    const plan = planRotation(goToMeetingProfile, later, 'add-only');
    expect(plan.summary[0]).toBe(`Active certificate now: ${current}, expired on 2027-02-01. Entra signs with a valid inactive certificate instead, if there is one.`);
  });
});
