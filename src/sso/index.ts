export * from './types.js';
export * from './profiles/index.js';
export { canonicalJson, hashPlan } from './plan-hash.js';
export {
  activateCertificateStep,
  addCertificateStep,
  assignUserStep,
  configureApplicationStep,
  configureServicePrincipalStep,
  createTestUserStep,
  instantiateStep,
  placeholders,
  type AssignUserInput,
  type TestUserInput,
} from './plan-steps.js';
export { defaultTestUserName, planSetup, testUserPrincipalName, type SetupChoices } from './plan-setup.js';
export { readTenantState, type ReadTenantStateOptions, type TenantState } from './tenant-state.js';
export { prepareSetup } from './prepare-setup.js';
export { generateTestPassword, runPlan, type RunPlanOptions, type RunResult } from './run-plan.js';
export { defaultConfirmBackoff, type ConfirmBackoff, type GeneratedSecret, type RunLogger } from './run-context.js';
export { describeFailure, type RunFailure } from './run-failure.js';
export { rollbackRun, type RollbackOptions, type RollbackResult } from './rollback-run.js';
export { derToPem, toSigningCertificate } from './signing-certificate.js';
export { cloudFromAuthorityHost, setupValues, type CloudHosts } from './setup-values.js';
export { SetupError, type SetupErrorCode } from './setup-error.js';
export {
  isRotationMode,
  planActivation,
  planRotation,
  readRotationTarget,
  RotationError,
  rotationTarget,
  ROTATION_MODES,
  type ListedCertificate,
  type RotationErrorCode,
  type RotationMode,
  type RotationTarget,
} from './rotation/index.js';
