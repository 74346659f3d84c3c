// The pure state machine of a change request, in two files by phase.
export {
  approve,
  attachCard,
  cancel,
  createDraft,
  expire,
  reject,
  submit,
  updateChoices,
  type ApproveInput,
  type DraftInput,
} from './approval-transitions.js';
export {
  failRun,
  recordProgress,
  renewLease,
  requestRetry,
  requestRollback,
  startRun,
  succeedRun,
  takeOverRun,
  type ActionRequestInput,
  type LeaseInput,
  type RunOutcome,
} from './run-transitions.js';
export { TERMINAL_STATES, countedApprovals, isTerminal, lastDecision, type ApprovalRules } from './transition-support.js';
export { isRefusal, type DecidedBy, type Refusal, type RefusalCode } from './refusal.js';
