/**
 * The `verb` of every `Action.Execute` the cards send; the bot routes invokes by it.
 * `request.update` is reserved: the draft card sends its inputs with `request.submit`
 * and the bot re-plans then, so no template uses it yet.
 */
// NOTE: the actions have no `Action.Submit` fallback, so a Teams client without
// Universal Actions (some mobile builds are reported) cannot use the buttons.
export const CardVerb = {
  requestSubmit: 'request.submit',
  requestCancel: 'request.cancel',
  requestUpdate: 'request.update',
  requestApprove: 'request.approve',
  requestReject: 'request.reject',
  requestRetry: 'request.retry',
  requestRollback: 'request.rollback',
  checklistToggle: 'checklist.toggle',
  assignPick: 'assign.pick',
  userCreateOffer: 'user.create-offer',
  statusRepair: 'status.repair',
  assignmentsPage: 'assignments.page',
} as const;

export type CardVerb = (typeof CardVerb)[keyof typeof CardVerb];

/** The ids of the inputs on the cards; they arrive in the invoke's `action.data`. */
export const CardInputId = {
  relayState: 'relayState',
  createTestUser: 'createTestUser',
  comment: 'comment',
  userId: 'userId',
} as const;
