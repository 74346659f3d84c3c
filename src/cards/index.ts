export { buildAppChoiceCard, type AppChoiceView } from './app-choice-card.js';
export { buildCertificateCard, type CertificateView } from './certificate-card.js';
export { buildChecklistCard, type ChecklistItemView, type ChecklistView } from './checklist-card.js';
export { ADAPTIVE_CARD_CONTENT_TYPE, MAX_ACTIVITY_BYTES, measureActivityBytes } from './card-size.js';
export type { AdaptiveCardJson } from './card-template.js';
export { CardInputId, CardVerb } from './card-verbs.js';
export { escapeMarkdown } from './escape-markdown.js';
export { SUBMIT_VERB_KEY, submitFallbackOf, withSubmitFallbacks } from './submit-fallback.js';
export { buildPasswordCard, PasswordCardScopeError, type PasswordCardView } from './password-card.js';
export type { PasswordDelivery } from './password-delivery.js';
export type { RequestProgressView, StepRetry } from './request-progress.js';
export { buildRequestsListCard, type RequestSummaryView, type RequestsListView } from './requests-list-card.js';
export { buildSetupRequestCard, type RelayStateChoice, type SetupRequestView } from './setup-request-card.js';
export { buildSetupValuesCard, type SetupValuesView } from './setup-values-card.js';
export { buildStatusCard, type StatusView } from './status-card.js';
export {
  buildUserAssignmentCard,
  MAX_USERS_PER_REQUEST,
  type UserAssignmentView,
  type UserView,
} from './user-assignment-card.js';
export {
  buildNoMatchCard,
  buildUserChoiceCard,
  type NoMatchView,
  type UserCandidateView,
  type UserChoiceView,
} from './user-choice-card.js';
export { buildWhoHasCard, type AssignedPrincipalView, type WhoHasView } from './who-has-card.js';
