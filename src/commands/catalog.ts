import type { CommandType } from './command.js';

export interface CatalogEntry {
  type: Exclude<CommandType, 'unknown'>;
  /** A short title, as the manifest's command list shows it. */
  title: string;
  /** Usage syntax of the command. Brackets mark optional parts. */
  usage: string;
  description: string;
  /** The words that start the command, used to suggest the closest one. */
  triggers: string[];
}

/**
 * Every command the bot understands. The help card and the manifest's
 * command lists are generated from this table.
 */
export const commandCatalog: readonly CatalogEntry[] = [
  {
    type: 'setup-sso',
    title: 'set up GoToMeeting SSO',
    usage: 'set up <app> SSO',
    description: 'Plan SAML single sign-on for GoToMeeting (also GoToTraining, GoToWebinar, GoToAssist) or AWS Single-Account Access.',
    triggers: ['set up', 'setup', 'configure sso for', 'enable'],
  },
  {
    type: 'assign',
    title: 'assign',
    usage: 'assign <user>[, <user>] [to <app>]',
    description: 'Request access to the app for people named by @mention, UPN or display name.',
    triggers: ['assign'],
  },
  {
    type: 'unassign',
    title: 'unassign',
    usage: 'unassign <user>[, <user>] [from <app>]',
    description: 'Request removal of people from the app.',
    triggers: ['unassign', 'remove'],
  },
  {
    type: 'create-test-user',
    title: 'create test user',
    usage: 'create test user [<name>] [for <app>]',
    description: 'Request a test user (B.Simon by default) with access to the app, for trying the sign-in.',
    triggers: ['create test user'],
  },
  {
    type: 'status',
    title: 'status',
    usage: 'status [<app>]',
    description: 'Show how single sign-on for the app is configured in the tenant.',
    triggers: ['status'],
  },
  {
    type: 'who-has',
    title: 'who has',
    usage: 'who has <app>',
    description: 'List the people and groups assigned to the app.',
    triggers: ['who has', 'assignments'],
  },
  {
    type: 'certificate',
    title: 'certificate',
    usage: 'certificate [<app>]',
    description: 'Post the SAML signing certificate (Base64) and the values GoTo needs.',
    triggers: ['certificate', 'cert'],
  },
  {
    type: 'checklist',
    title: 'checklist',
    usage: 'checklist [<app>]',
    description: 'Show the manual steps on the vendor side, to tick off.',
    triggers: ['checklist'],
  },
  {
    type: 'rotate-certificate',
    title: 'rotate certificate',
    usage: 'rotate certificate [<app>]',
    description: 'Request a new SAML signing certificate for the app.',
    triggers: ['rotate certificate', 'renew certificate'],
  },
  {
    type: 'requests',
    title: 'requests',
    usage: 'requests',
    description: 'List open and recent change requests with their state.',
    triggers: ['requests'],
  },
  {
    type: 'cancel',
    title: 'cancel',
    usage: 'cancel <request id>',
    description: 'Cancel one of your change requests, for example cancel CR-7F3K.',
    triggers: ['cancel'],
  },
  {
    type: 'help',
    title: 'help',
    usage: 'help',
    description: 'Show this list of commands.',
    triggers: ['help'],
  },
];

/**
 * Writes a usage line for Adaptive Cards, whose hosts drop text that looks
 * like an HTML tag (the Agents Playground shows `assign <user>` as
 * `assign `): placeholders become `‹user›`.
 */
export function displayUsage(usage: string): string {
  return usage.replace(/<([^<>]+)>/g, '‹$1›');
}
