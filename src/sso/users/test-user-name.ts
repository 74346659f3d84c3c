import { UserRequestError } from './user-request-error.js';

// The tutorial's test user is "B.Simon": an initial, a dot and a surname.
const tutorialForm = /^[A-Za-z]\.[A-Za-z][A-Za-z'-]*$/;

// Characters Entra accepts before the `@` of a UPN; accents are not allowed.
const principalNamePattern = /^[A-Za-z0-9'._!#^~-]{1,64}$/;

/** True for names of the tutorial's form, such as `B.Simon`, for which the bot offers to create a test user. */
export function isTestUserStyleName(text: string): boolean {
  return tutorialForm.test(text.trim());
}

/** Throws `invalid_test_user_name` unless `name` can be the part of a UPN before the `@`. */
export function validateTestUserName(name: string): void {
  const valid = principalNamePattern.test(name) && !name.startsWith('.') && !name.endsWith('.') && !name.includes('..');
  if (!valid) {
    throw new UserRequestError(
      'invalid_test_user_name',
      `Test user name "${name}" is invalid: use up to 64 letters A-Z, digits and ' . - _ ! # ^ ~ (no accents or spaces), without a leading, trailing or double dot.`,
    );
  }
}

/** Derives the mail alias for a test user by dropping the characters an alias rejects. */
export function mailNicknameFor(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '') || 'testuser';
}
