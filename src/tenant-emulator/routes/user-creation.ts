import { randomUUID } from 'node:crypto';
import { badRequest, invalidPropertyValue, objectConflict } from '../graph-error.js';
import type { TenantState } from '../tenant-state.js';
import type { JsonObject } from '../types.js';

// Checks of POST /users as Entra documents them: the required properties, a
// UPN whose local part uses only A-Z a-z 0-9 ' . - _ ! # ^ ~ and whose domain
// is verified, a unique UPN, and a password of 8 to 256 characters with
// characters from three of the four classes (lower, upper, digit, symbol).

const REQUIRED = ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'] as const;
const LOCAL_PART = /^[A-Za-z0-9'.\-_!#^~]{1,64}$/;
const MAIL_NICKNAME = /^[A-Za-z0-9'.\-_!#^~]{1,64}$/;
const OPTIONAL_STRINGS = ['givenName', 'surname', 'jobTitle', 'mail', 'usageLocation', 'department', 'officeLocation'];

function checkRequired(body: JsonObject): void {
  for (const name of REQUIRED) {
    const value = body[name];
    const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (missing) {
      throw invalidPropertyValue(name, 'User');
    }
  }
  if (typeof body.accountEnabled !== 'boolean') {
    throw invalidPropertyValue('accountEnabled', 'User');
  }
  if (typeof body.displayName !== 'string' || body.displayName.length > 256) {
    throw invalidPropertyValue('displayName', 'User');
  }
  if (typeof body.mailNickname !== 'string' || !MAIL_NICKNAME.test(body.mailNickname)) {
    throw invalidPropertyValue('mailNickname', 'User');
  }
}

function checkPrincipalName(state: TenantState, value: unknown): string {
  const parts = typeof value === 'string' ? value.split('@') : [];
  const [localPart, domain] = parts;
  if (parts.length !== 2 || localPart === undefined || domain === undefined || !LOCAL_PART.test(localPart) || localPart.startsWith('.') || localPart.endsWith('.')) {
    throw invalidPropertyValue('userPrincipalName', 'User');
  }
  if (!state.verifiedDomains.some((verified) => verified.name.toLowerCase() === domain.toLowerCase())) {
    const message = 'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.';
    throw badRequest(message, [{ code: 'InvalidValue', message, target: 'userPrincipalName' }]);
  }
  if (state.findUser(value as string) !== undefined) {
    throw objectConflict('userPrincipalName');
  }
  return value as string;
}

export function isComplexPassword(password: string): boolean {
  if (password.length < 8 || password.length > 256) {
    return false;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password));
  return classes.length >= 3;
}

function checkPassword(profile: unknown): void {
  const password = (profile as JsonObject | null)?.password;
  if (typeof password !== 'string' || password === '') {
    throw invalidPropertyValue('passwordProfile', 'User');
  }
  if (!isComplexPassword(password)) {
    throw badRequest('The specified password does not comply with password complexity requirements. Please provide a different password.');
  }
}

/** Validates a POST /users body and returns the new user record. */
export function buildUser(state: TenantState, body: unknown): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const input = body as JsonObject;
  checkRequired(input);
  const userPrincipalName = checkPrincipalName(state, input.userPrincipalName);
  checkPassword(input.passwordProfile);

  const user: JsonObject = {
    id: randomUUID(),
    accountEnabled: input.accountEnabled,
    businessPhones: [],
    createdDateTime: new Date().toISOString(),
    displayName: input.displayName,
    givenName: null,
    jobTitle: null,
    mail: null,
    mailNickname: input.mailNickname,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName,
    userType: 'Member',
  };
  for (const name of OPTIONAL_STRINGS) {
    if (typeof input[name] === 'string') {
      user[name] = input[name];
    }
  }
  return user;
}
