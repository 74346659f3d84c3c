import { describe, expect, it } from 'vitest';
import { buildPlaygroundConfig, PLAYGROUND_OTHER_USERS } from '../../scripts/playground-config.js';
import { switchCurrentUser } from '../../scripts/playground-user-page.js';
import { ALEX_WILBER_ID, demoSeed, MEGAN_BOWEN_ID } from '../../src/tenant-emulator/index.js';

describe('buildPlaygroundConfig', () => {
  const config = buildPlaygroundConfig({ seed: demoSeed, currentUserId: ALEX_WILBER_ID, otherUserIds: [MEGAN_BOWEN_ID] });

  it('takes tenant and users from the seed', () => {
    expect(config.tenantId).toBe(demoSeed.tenantId);
    expect(config.currentUser).toMatchObject({ id: 'user-id-0', name: 'Alex Wilber', aadObjectId: ALEX_WILBER_ID });
    expect(config.users[0]).toMatchObject({ id: 'user-id-1', name: 'Megan Bowen', aadObjectId: MEGAN_BOWEN_ID });
  });

  it('fills exactly five other users', () => {
    expect(config.users).toHaveLength(PLAYGROUND_OTHER_USERS);
    const ids = new Set([config.currentUser.aadObjectId, ...config.users.map((user) => user.aadObjectId)]);
    expect(ids.size).toBe(PLAYGROUND_OTHER_USERS + 1);
  });

  it('rejects a user missing from the seed', () => {
    expect(() => buildPlaygroundConfig({ seed: demoSeed, currentUserId: ALEX_WILBER_ID, otherUserIds: ['not-a-user'] })).toThrow(/not-a-user/);
  });

  it('rejects more than five other users', () => {
    const otherUserIds = demoSeed.users.slice(1, 7).map((user) => user.id);
    expect(() => buildPlaygroundConfig({ seed: demoSeed, currentUserId: ALEX_WILBER_ID, otherUserIds })).toThrow(/5 users/);
  });
});

describe('switchCurrentUser', () => {
  const body = {
    config: {
      currentUser: { id: 'user-id-0' },
      users: [{ id: 'user-id-1' }, { id: 'user-id-2' }],
      groupChats: [{ members: ['user-id-1', 'user-id-2'] }],
      teams: [{ members: ['user-id-2', 'user-id-1'] }],
    },
  };

  it('swaps the current user with a member', () => {
    const switched = switchCurrentUser(body, 'user-id-1');

    expect(switched.config.currentUser).toEqual({ id: 'user-id-1' });
    expect(switched.config.users).toEqual([{ id: 'user-id-0' }, { id: 'user-id-2' }]);
    expect(switched.config.groupChats[0]?.members).toEqual(['user-id-0', 'user-id-2']);
    expect(switched.config.teams[0]?.members).toEqual(['user-id-2', 'user-id-0']);
  });

  it('keeps the configuration for the current user', () => {
    expect(switchCurrentUser(body, 'user-id-0')).toBe(body);
  });

  it('rejects an unknown user id', () => {
    expect(() => switchCurrentUser(body, 'user-id-9')).toThrow(/user-id-9/);
  });
});
