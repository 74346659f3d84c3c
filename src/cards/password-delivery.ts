import type { Actor } from '../requests/types.js';
import { safeText } from './format.js';

/** The destination of a new test user's initial password. */
export type PasswordDelivery = 'personal-chat' | 'not-shown';

/** Describes where a new user's password went, for a card that never shows it; '' when unknown. */
export function describePasswordDelivery(delivery: PasswordDelivery | undefined, requester: Actor): string {
  if (delivery === 'personal-chat') {
    return `The initial password was sent to ${safeText(requester.name)} in a personal chat with the bot. It is not shown here.`;
  }
  if (delivery === 'not-shown') {
    return 'The initial password is not shown anywhere. To sign in as this user, reset the password in the Microsoft Entra admin center (Users, select the user, Reset password).';
  }
  return '';
}
