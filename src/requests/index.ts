export * from './transitions.js';
export { createApprovalPolicy, type ApprovalPolicy, type ApprovalPolicyOptions, type CheckMemberGroups } from './approval-policy.js';
export {
  ChangeRequestStore,
  type ChangeRequestStoreOptions,
  type ListQuery,
  type RequestMutation,
  type UpdateResult,
} from './change-request-store.js';
export { ChecklistStore } from './checklist-store.js';
export { newLeaseOwner } from './lease-owner.js';
export { refuse, refuseMissing } from './refusal.js';
export { newRequestId, parseRequestId, type RandomSource } from './request-id.js';
export { RequestStoreError, type RequestStoreErrorCode } from './request-store-error.js';
export type * from './types.js';
