import type { DecidedBy, Refusal } from '../../requests/index.js';

/**
 * Returns the sentence shown under the card when a click was rejected. `decided` is the decision that closed the request's approval
 * round, to name who already acted when the refusal itself does not.
 */
export function describeRefusal(refusal: Refusal, decided: DecidedBy | undefined = refusal.decided): string {
  const id = refusal.requestId;
  switch (refusal.code) {
    case 'not_approver':
      return `Only a configured approver can approve or reject ${id}, so your click changed nothing.`;
    case 'self_approval':
      return `${refusal.message} Another approver has to decide, so nothing changed.`;
    case 'already_approved_by_you':
      return `You have already approved ${id}; it is waiting for another approver.`;
    case 'stale_plan':
      return `This card shows an older plan or approval round of ${id}, so your click changed nothing. Use the current card.`;
    case 'expired':
      return `${id} expired before it was approved, so nothing changed. Ask again to start a new request.`;
    case 'foreign_tenant':
      return `${id} belongs to another organization, so nothing changed.`;
    case 'not_requester':
    case 'not_requester_or_approver':
    case 'already_decided':
    case 'nothing_to_roll_back':
      return `${refusal.message} Nothing changed.`;
    case 'already_running': {
      const approvedBy = decided?.action === 'approved' && decided.by ? ` was already approved by ${decided.by.name} and` : '';
      return `${id}${approvedBy} is running now, so it cannot be changed or cancelled. Wait for it to finish.`;
    }
    case 'not_found':
      return `No change request ${id} was found, so nothing changed.`;
    default:
      return `${refusal.message} Nothing changed.`;
  }
}

/** Describes a click whose data is missing or invalid. */
export function malformedClickMessage(problem: string): string {
  return `This button sent invalid data (${problem}), so nothing changed. Use the latest card.`;
}
