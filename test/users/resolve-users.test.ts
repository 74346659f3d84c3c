import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../src/directory/index.js';
import { resolveUsers, type UserReference, type UserResolution } from '../../src/sso/users/index.js';
import {
  BRIAN_SIMON_ID,
  BRITTA_SIMON_ID,
  CHRIS_GREEN_ID,
  DANA_GUEST_ID,
  SEAN_OBRIEN_ID,
  ZOE_FERREIRA_ID,
} from '../../src/tenant-emulator/index.js';
import { startHarness, type Harness } from '../sso/support/engine-harness.js';
import { OTHER_BRITTA_ID, seedWith, otherBritta } from './support/users-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ seed: seedWith([otherBritta]) });
});
afterAll(async () => {
  await harness.close();
});

async function resolveOne(ref: UserReference, options: Parameters<typeof resolveUsers>[2] = {}): Promise<UserResolution> {
  const [resolution] = await resolveUsers(harness.gateway, [ref], options);
  return resolution!;
}

function matchedId(resolution: UserResolution): string | undefined {
  return resolution.status === 'matched' ? resolution.user.id : undefined;
}

describe('resolveUsers quoting', () => {
  it.each<[string, UserReference, string]>([
    ['display name with an apostrophe', { kind: 'name', value: "Sean O'Brien" }, SEAN_OBRIEN_ID],
    ['UPN with an apostrophe', { kind: 'upn', value: "sean.o'brien@contoso.example" }, SEAN_OBRIEN_ID],
    ['display name with an accent', { kind: 'name', value: 'Zoë Ferreira' }, ZOE_FERREIRA_ID],
    ['mail address with a plus sign', { kind: 'upn', value: 'chris.green+sso@contoso.example' }, CHRIS_GREEN_ID],
    ['mail address given as mail', { kind: 'mail', value: 'chris.green+sso@contoso.example' }, CHRIS_GREEN_ID],
    ['guest UPN with #EXT#', { kind: 'upn', value: 'dana_fabrikam.example#EXT#@contoso.example' }, DANA_GUEST_ID],
    ["guest's home mail address", { kind: 'mail', value: 'dana@fabrikam.example' }, DANA_GUEST_ID],
    ['display name with spaces and brackets', { kind: 'name', value: 'Dana Reyes (Fabrikam)' }, DANA_GUEST_ID],
  ])('finds a user by %s', async (_case, ref, expectedId) => {
    const resolution = await resolveOne(ref);

    expect(resolution.status).toBe('matched');
    expect(matchedId(resolution)).toBe(expectedId);
  });

  it('keeps a hostile name inside one filter literal', async () => {
    const resolution = await resolveOne({ kind: 'name', value: "x' or startswith(displayName,'B" });

    expect(resolution.status).toBe('not-found');
  });

  it('sends the plus sign percent-encoded', async () => {
    harness.emulator.clearRequestLog();
    await resolveOne({ kind: 'mail', value: 'chris.green+sso@contoso.example' });

    const paths = harness.emulator.requestLog().map((entry) => entry.path);
    expect(paths.some((path) => path.includes('chris.green%2Bsso'))).toBe(true);
    expect(paths.some((path) => path.includes('chris.green+sso'))).toBe(false);
  });
});

describe('resolveUsers matches', () => {
  it('returns the user with job title for one display name match', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'Alex Wilber' });

    expect(resolution).toMatchObject({ status: 'matched', user: { displayName: 'Alex Wilber', userPrincipalName: 'alexw@example.com', jobTitle: 'IT Administrator' } });
  });

  it('lists both users for a name with two matches', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'Britta Simon' });

    expect(resolution.status).toBe('ambiguous');
    const ids = resolution.status === 'ambiguous' ? resolution.candidates.map((candidate) => candidate.id).sort() : [];
    expect(ids).toEqual([BRITTA_SIMON_ID, OTHER_BRITTA_ID].sort());
  });

  it('lists everyone who has a typed word in their name', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'Simon' });

    expect(resolution.status).toBe('ambiguous');
    const ids = resolution.status === 'ambiguous' ? resolution.candidates.map((candidate) => candidate.id).sort() : [];
    expect(ids).toEqual([BRIAN_SIMON_ID, BRITTA_SIMON_ID, OTHER_BRITTA_ID].sort());
  });

  it('offers a test user and close matches for B.Simon', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'B.Simon' });

    expect(resolution.status).toBe('not-found');
    if (resolution.status !== 'not-found') return;
    expect(resolution.createTestUserOffer).toEqual({ name: 'B.Simon' });
    const closeIds = resolution.closeMatches.map((candidate) => candidate.id);
    expect(closeIds).toContain(BRITTA_SIMON_ID);
    expect(closeIds).toContain(BRIAN_SIMON_ID);
  });

  it('offers no test user for an ordinary unknown name', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'Nobody Known' });

    expect(resolution).toEqual({ status: 'not-found', ref: { kind: 'name', value: 'Nobody Known' }, closeMatches: [] });
  });

  it('returns close matches by first name for an unknown full name', async () => {
    const resolution = await resolveOne({ kind: 'name', value: 'Megan Smith' });

    expect(resolution.status).toBe('not-found');
    expect(resolution).toHaveProperty('closeMatches', [expect.objectContaining({ displayName: 'Megan Bowen' })]);
  });

  it('keeps the order of several references', async () => {
    const resolutions = await resolveUsers(harness.gateway, [
      { kind: 'name', value: 'Zoë Ferreira' },
      { kind: 'upn', value: 'missing@contoso.example' },
      { kind: 'upn', value: 'brian.simon@contoso.example' },
    ]);

    expect(resolutions.map((resolution) => resolution.status)).toEqual(['matched', 'not-found', 'matched']);
    expect(matchedId(resolutions[2]!)).toBe(BRIAN_SIMON_ID);
  });

  it('falls back to startswith when $search is rejected', async () => {
    const failures: unknown[] = [];
    const gateway = Object.create(harness.gateway) as typeof harness.gateway;
    gateway.searchUsers = async () => {
      throw new DirectoryError('invalid_request', 'GET /users failed (HTTP 400): $search is not supported.', { httpStatus: 400, graphCode: 'Request_UnsupportedQuery' });
    };

    const [resolution] = await resolveUsers(gateway, [{ kind: 'name', value: 'Megan Smith' }], { onSearchUnavailable: (error) => failures.push(error) });

    expect(failures).toHaveLength(1);
    expect(resolution!.status).toBe('not-found');
    expect(resolution).toHaveProperty('closeMatches', [expect.objectContaining({ displayName: 'Megan Bowen' })]);
  });
});

describe('resolveUsers mentions', () => {
  it('uses the aadObjectId, never the display text', async () => {
    const resolution = await resolveOne({ kind: 'mention', aadObjectId: ZOE_FERREIRA_ID, teamsUserId: '29:zoe', name: 'Britta Simon' });

    expect(matchedId(resolution)).toBe(ZOE_FERREIRA_ID);
  });

  it('asks the conversation members for a mention without aadObjectId', async () => {
    const asked: string[] = [];
    const members = async (teamsUserId: string) => {
      asked.push(teamsUserId);
      return teamsUserId === '29:sean' ? SEAN_OBRIEN_ID : undefined;
    };

    const resolution = await resolveOne({ kind: 'mention', teamsUserId: '29:sean', name: 'Somebody' }, { conversationMembers: members });

    expect(asked).toEqual(['29:sean']);
    expect(matchedId(resolution)).toBe(SEAN_OBRIEN_ID);
  });

  it('leaves a mention without any object id unresolved', async () => {
    const resolution = await resolveOne({ kind: 'mention', teamsUserId: '29:unknown', name: 'Alex Wilber' });

    expect(resolution.status).toBe('unresolved');
  });

  it.each([
    ['a UPN', "sean.o'brien@contoso.example"],
    ['a dot segment', '..'],
    ['a path', `${SEAN_OBRIEN_ID}/memberOf`],
  ])('leaves a mention whose aadObjectId is %s unresolved', async (_case, aadObjectId) => {
    harness.emulator.clearRequestLog();

    const resolution = await resolveOne({ kind: 'mention', aadObjectId, teamsUserId: '29:sean', name: 'Somebody' });

    expect(resolution.status).toBe('unresolved');
    expect(harness.emulator.requestLog()).toEqual([]);
  });

  it('leaves a mention without member GUID unresolved', async () => {
    harness.emulator.clearRequestLog();
    const members = async () => "sean.o'brien@contoso.example";

    const resolution = await resolveOne({ kind: 'mention', teamsUserId: '29:sean', name: 'Somebody' }, { conversationMembers: members });

    expect(resolution.status).toBe('unresolved');
    expect(harness.emulator.requestLog()).toEqual([]);
  });

  it('reports a mentioned object id missing from the directory', async () => {
    const resolution = await resolveOne({ kind: 'mention', aadObjectId: '5f0e0a1c-0000-4000-8000-000000000000', teamsUserId: '29:gone', name: 'Gone' });

    expect(resolution).toMatchObject({ status: 'not-found', closeMatches: [] });
  });
});
