import { writeFile } from 'node:fs/promises';
import type { SeedUser, TenantSeed } from '../src/tenant-emulator/index.js';

// Writes the configuration file of the Microsoft 365 Agents Playground 0.2.28
// (schema version 0.1.0). The Playground takes the tenant, the users and the
// conversations from this file, so the ids here must match the tenant the bot
// talks to. Its schema requires exactly five users besides the current user.

export const PLAYGROUND_OTHER_USERS = 5;

/** A mock user in the Playground configuration; `userPrincipleName` is the Playground's spelling. */
export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: '0.1.0';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export interface PlaygroundConfigOptions {
  seed: TenantSeed;
  /** Entra object id of the user who types in the main page. */
  currentUserId: string;
  /** Entra object ids of the first other members, in order; other seed users fill the remaining places. */
  otherUserIds: string[];
  botName?: string;
}

/** Builds a Playground configuration whose tenant and users come from a tenant emulator seed. */
export function buildPlaygroundConfig(options: PlaygroundConfigOptions): PlaygroundConfig {
  const memberIds = chooseMemberIds(options);

  const [currentUser, ...users] = memberIds.map((id, index) => toPlaygroundUser(findSeedUser(options.seed, id), index));
  return {
    version: '0.1.0',
    tenantId: options.seed.tenantId,
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: options.botName ?? 'SSO Bot' },
    currentUser: currentUser as PlaygroundUser,
    users,
    personalChat: { id: 'demo-personal-chat' },
    groupChat: { id: 'demo-group-chat', name: 'SSO admins' },
    team: {
      id: 'demo-team',
      name: 'IT Operations',
      aadGroupId: '00000000-0000-0000-0000-000000000031',
      channels: [{ id: 'demo-channel-sso', name: 'SSO requests' }],
    },
  };
}

/** Renders the configuration as YAML. JSON is valid YAML 1.2, and every value is quoted. */
export function renderPlaygroundConfig(config: PlaygroundConfig): string {
  return `# Generated for the Microsoft 365 Agents Playground; the users are tenant emulator users.\n${JSON.stringify(config, null, 2)}\n`;
}

export async function writePlaygroundConfig(path: string, config: PlaygroundConfig): Promise<void> {
  await writeFile(path, renderPlaygroundConfig(config), 'utf8');
}

function chooseMemberIds(options: PlaygroundConfigOptions): string[] {
  if (options.otherUserIds.length > PLAYGROUND_OTHER_USERS) {
    throw new Error(`The Playground accepts ${PLAYGROUND_OTHER_USERS} users besides the current user, but ${options.otherUserIds.length} were given.`);
  }

  const memberIds = [options.currentUserId, ...options.otherUserIds];
  for (const user of options.seed.users) {
    if (memberIds.length === PLAYGROUND_OTHER_USERS + 1) break;
    if (!memberIds.includes(user.id)) memberIds.push(user.id);
  }
  if (memberIds.length < PLAYGROUND_OTHER_USERS + 1) {
    throw new Error(`The tenant seed has ${memberIds.length} users, but the Playground needs ${PLAYGROUND_OTHER_USERS + 1}.`);
  }
  return memberIds;
}

function findSeedUser(seed: TenantSeed, id: string): SeedUser {
  const user = seed.users.find((candidate) => candidate.id === id);
  if (!user) {
    throw new Error(`User ${id} is not in the tenant seed; pick a member of seed.users.`);
  }
  return user;
}

function toPlaygroundUser(user: SeedUser, index: number): PlaygroundUser {
  return {
    id: `user-id-${index}`,
    name: user.displayName,
    userPrincipleName: user.userPrincipalName,
    aadObjectId: user.id,
    givenName: user.givenName ?? user.displayName,
    surname: user.surname ?? '',
    email: user.mail ?? user.userPrincipalName,
  };
}
