export { DEFAULT_ACCESS_ROLE_ID, servicePrincipalIdOf, userRoleFor, type UserRole } from './app-role.js';
export { generatePassword, PASSWORD_LENGTH } from './password.js';
export { planAssign, planUnassign, type AlreadyAssigned, type AssignPlanning, type UnassignPlanning } from './plan-assign.js';
export {
  planCreateTestUser,
  TEST_USER_ASSIGN_STEP_ID,
  type CreateTestUserInput,
  type CreateTestUserPlanning,
} from './plan-create-test-user.js';
export { describeReference, toResolvedUser, type ResolvedUser, type UserReference, type UserResolution } from './resolved-user.js';
export { MAX_CLOSE_MATCHES, resolveUsers, type ResolveUsersOptions } from './resolve-users.js';
export { isTestUserStyleName, mailNicknameFor, validateTestUserName } from './test-user-name.js';
export { runUnassignUser, unassignUserStep, type UnassignUserInput } from './unassign-step.js';
export { MAX_USERS_PER_PLAN, type PlannedUser } from './user-plan.js';
export { UserRequestError, type UserRequestErrorCode } from './user-request-error.js';
export { prepareAssign, prepareCreateTestUser, prepareUnassign, readUsersWithAccess } from './prepare-user-request.js';
