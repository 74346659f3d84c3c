export type UserRequestErrorCode =
  | 'role_not_found'
  | 'invalid_test_user_name'
  | 'app_not_set_up'
  | 'no_users'
  | 'too_many_users'
  | 'invalid_cursor';

/** A user request that cannot be planned as asked: no usable app role, a bad test user name, an app that is not set up. */
export class UserRequestError extends Error {
  readonly code: UserRequestErrorCode;

  constructor(code: UserRequestErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserRequestError';
    this.code = code;
  }
}
