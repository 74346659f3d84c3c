/**
 * The `verb` of every `Action.Execute` the cards send; the bot routes invokes by it.
 * `request.update` is reserved: the draft card sends its inputs with `request.submit`
 * and the bot re-plans then, so no template uses it yet.
 */
// Every bound card gives each Action.Execute an Action.Submit fallback that
// carries the verb in its data (see submit-fallback.ts), and the bot routes
// those Submit messages to the same handlers.
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
  appPick: 'app.pick',
  certificateActivate: 'certificate.activate',
} as const;

export type CardVerb = (typeof CardVerb)[keyof typeof CardVerb];

/** The ids of the inputs on the cards; they arrive in the invoke's `action.data`. */
export const CardInputId = {
  relayState: 'relayState',
  createTestUser: 'createTestUser',
  comment: 'comment',
  userId: 'userId',
  rotationMode: 'rotationMode',
} as const;
