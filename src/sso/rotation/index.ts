export { ACTIVATE_EXISTING_CERTIFICATE, activateExistingCertificateStep } from './activate-existing-step.js';
export { findActivatable } from './find-activatable.js';
export { isRotationMode, planActivation, planRotation, ROTATION_MODES, type RotationMode } from './plan-rotation.js';
export { RotationError, type RotationErrorCode } from './rotation-error.js';
export { readRotationTarget, rotationTarget, type ListedCertificate, type RotationTarget } from './rotation-target.js';
