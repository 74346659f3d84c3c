import { hashPlan } from '../plan-hash.js';
import { activateCertificateStep, addCertificateStep, placeholders } from '../plan-steps.js';
import type { AppProfile } from '../profiles/index.js';
import type { Plan, PlanStep } from '../types.js';
import { activateExistingCertificateStep } from './activate-existing-step.js';
import { day, findActivatable } from './find-activatable.js';
import type { RotationTarget } from './rotation-target.js';

/**
 * The treatment of the new certificate in a rotation. `add-only` leaves the
 * current certificate signing until the vendor has the new one.
 * `add-and-activate` switches at once, so sign-in fails until the vendor has it.
 */
export type RotationMode = 'add-only' | 'add-and-activate';

export const ROTATION_MODES: readonly RotationMode[] = ['add-only', 'add-and-activate'];

export function isRotationMode(value: unknown): value is RotationMode {
  return typeof value === 'string' && (ROTATION_MODES as readonly string[]).includes(value);
}

function currentLine(target: RotationTarget): string {
  const current = target.current;
  if (!current) return 'No signing certificate is active now.';
  if (current.daysLeft !== undefined && current.daysLeft < 0) {
    // When the active certificate has expired and a valid inactive one exists, Entra signs with the valid one.
    return `Active certificate now: ${current.thumbprint}, expired on ${day(current.notAfter)}. Entra signs with a valid inactive certificate instead, if there is one.`;
  }
  const daysLeft = current.daysLeft === undefined ? '' : `, ${current.daysLeft} days left`;
  return `Active certificate now: ${current.thumbprint}, expires ${day(current.notAfter)}${daysLeft}.`;
}

/** Lists the unexpired certificates that are not active, which an activation could use instead of a new one. */
function inactiveLines(target: RotationTarget): string[] {
  const readAt = Date.parse(target.readAt);
  return target.certificates
    .filter((certificate) => certificate.thumbprint !== target.current?.thumbprint)
    .filter((certificate) => certificate.notAfter === undefined || Date.parse(certificate.notAfter) > readAt)
    .map((certificate) => `Inactive certificate already added: ${certificate.thumbprint}, expires ${day(certificate.notAfter)}.`);
}

function finishPlan(plan: Omit<Plan, 'hash'>): Plan {
  return { ...plan, hash: hashPlan(plan) };
}

/**
 * Plans the rotation of the app's SAML signing certificate: add a new one
 * with the profile's subject and lifetime, and make it active only in the
 * `add-and-activate` mode. The mode and the current thumbprint are plan
 * choices, so the plan hash binds them.
 */
export function planRotation(profile: AppProfile, target: RotationTarget, mode: RotationMode): Plan {
  const { subject, lifetimeYears } = profile.certificate;
  const add = addCertificateStep(target.servicePrincipalId, subject, lifetimeYears, []);
  const steps: PlanStep[] = [add];
  const summary = [currentLine(target), ...inactiveLines(target), `Add a new signing certificate (${subject}, valid ${lifetimeYears} years).`];

  if (mode === 'add-and-activate') {
    steps.push(activateCertificateStep(target.servicePrincipalId, placeholders.certificateThumbprint, [add.id]));
    summary.push(`Make the new certificate active at once. Sign-in to ${profile.displayName} fails until the vendor side has the new certificate.`);
  } else {
    summary.push(`Keep the current certificate active. Activate the new one after uploading it to ${profile.displayName}.`);
  }

  return finishPlan({
    kind: 'rotate-certificate',
    appProfileId: profile.id,
    choices: { mode, currentThumbprint: target.current?.thumbprint ?? null },
    summary,
    steps,
    noChanges: false,
  });
}

/**
 * Plans making an existing signing certificate active. Throws a
 * `RotationError` unless the thumbprint is a Verify key of the service
 * principal that has not expired when the tenant was read. The step checks
 * the key again when the approved run starts.
 */
export function planActivation(profile: AppProfile, target: RotationTarget, thumbprint: string): Plan {
  const listed = findActivatable(target, thumbprint, profile.displayName);
  const targetThumbprint = listed.thumbprint;
  const alreadyActive = target.current?.thumbprint === targetThumbprint;
  const summary = [currentLine(target)];
  if (alreadyActive) summary.push(`The certificate ${targetThumbprint} is already active.`);
  else summary.push(`Make the certificate ${targetThumbprint} active (expires ${day(listed.notAfter)}). ${profile.displayName} must already have it, or sign-in fails.`);

  return finishPlan({
    kind: 'rotate-certificate',
    appProfileId: profile.id,
    choices: { activateThumbprint: targetThumbprint, currentThumbprint: target.current?.thumbprint ?? null },
    summary,
    steps: alreadyActive ? [] : [activateExistingCertificateStep(target.servicePrincipalId, targetThumbprint)],
    noChanges: alreadyActive,
  });
}
