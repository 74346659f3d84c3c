import type { User } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import {
  ALEX_WILBER_ID,
  APPROVERS_GROUP_ID,
  BRIAN_SIMON_ID,
  BRITTA_SIMON_ID,
  CHRIS_GREEN_ID,
  DANA_GUEST_ID,
  MEGAN_BOWEN_ID,
  SALES_GROUP_ID,
  SEAN_OBRIEN_ID,
  ZOE_FERREIRA_ID,
} from '../../src/tenant-emulator/index.js';
import { errorDetails, graphError } from './graph-client.js';
import { startForTest } from './emulator-fixture.js';

type UserList = { value: User[]; '@odata.nextLink'?: string; '@odata.count'?: number };

function newUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: 'B.Simon',
    mailNickname: 'B.Simon',
    userPrincipalName: 'B.Simon@contoso.example',
    passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Correct-Horse-7' },
    ...overrides,
  };
}

describe('GET /users/{id}', () => {
  it('reads a user by object id and by UPN', async () => {
    const { client } = await startForTest();

    const byId = (await client.api(`/users/${ALEX_WILBER_ID}`).get()) as User;
    const byName = (await client.api('/users/ALEXW@example.com').get()) as User;

    expect(byId.displayName).toBe('Alex Wilber');
    expect(byName.id).toBe(ALEX_WILBER_ID);
  });

  it('reads a guest whose UPN has #EXT# when # is encoded as %23', async () => {
    const { client } = await startForTest();

    const guest = (await client.api('/users/dana_fabrikam.example%23EXT%23@contoso.example').get()) as User;

    expect(guest.id).toBe(DANA_GUEST_ID);
  });

  it('misses a guest when # is sent raw', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users/dana_fabrikam.example#EXT#@contoso.example').get());

    expect(error.statusCode).toBe(404);
  });

  it('returns $select properties only', async () => {
    const { client } = await startForTest();

    const user = (await client.api(`/users/${ZOE_FERREIRA_ID}`).select('id,displayName,userType').get()) as User;

    expect(user).toEqual({ '@odata.context': expect.any(String), id: ZOE_FERREIRA_ID, displayName: 'Zoë Ferreira', userType: 'Member' });
  });

  it('rejects $select of an unknown property', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api(`/users/${ZOE_FERREIRA_ID}`).select('shoeSize').get());

    expect(error.statusCode).toBe(400);
  });

  it('404s an unknown user', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users/nobody@contoso.example').get());

    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
  });
});

describe('GET /users with $filter and $search', () => {
  it('unquotes doubled single quotes in a literal', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/users').filter("displayName eq 'Sean O''Brien'").get()) as UserList;

    expect(result.value.map((user) => user.id)).toEqual([SEAN_OBRIEN_ID]);
  });

  it('matches startswith on displayName for users named alike', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/users').filter("startswith(displayName,'Br')").get()) as UserList;

    expect(result.value.map((user) => user.id).sort()).toEqual([BRIAN_SIMON_ID, BRITTA_SIMON_ID].sort());
  });

  it('finds a mail with + when the value is percent-encoded', async () => {
    const { client } = await startForTest();
    const mail = encodeURIComponent("mail eq 'chris.green+sso@contoso.example'");

    const result = (await client.api(`/users?$filter=${mail}`).get()) as UserList;

    expect(result.value.map((user) => user.id)).toEqual([CHRIS_GREEN_ID]);
  });

  it('sees a raw + in the query as a space', async () => {
    const { client } = await startForTest();

    const result = (await client.api("/users?$filter=mail eq 'chris.green+sso@contoso.example'").get()) as UserList;

    expect(result.value).toEqual([]);
  });

  it.each([
    ['an unterminated literal', "displayName eq 'Sean O'Brien'"],
    ['a missing operand', 'displayName eq'],
    ['an unknown character', "displayName eq 'x' ; drop"],
  ])('rejects a filter with %s', async (_case, filter) => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').filter(filter).get());

    expect(error.statusCode).toBe(400);
  });

  it('rejects an unsupported filter operator as an unsupported query', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').filter("endswith(mail,'@example.com')").get());

    expect(error.code).toBe('Request_UnsupportedQuery');
  });

  it('requires ConsistencyLevel eventual for $search', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').search('"displayName:Simon"').get());

    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_UnsupportedQuery');
  });

  it('searches display name tokens with ConsistencyLevel eventual', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/users').header('ConsistencyLevel', 'eventual').search('"displayName:Simon"').count(true).get()) as UserList;

    expect(result.value.map((user) => user.id).sort()).toEqual([BRIAN_SIMON_ID, BRITTA_SIMON_ID].sort());
    expect(result['@odata.count']).toBe(2);
  });

  it('requires ConsistencyLevel eventual for $count', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').count(true).get());

    expect(error.code).toBe('Request_UnsupportedQuery');
  });

  it('pages with $top and @odata.nextLink', async () => {
    const { client, emulator } = await startForTest();
    const seen: string[] = [];

    let page = (await client.api('/users').select('id').top(5).get()) as UserList;
    seen.push(...page.value.map((user) => user.id as string));
    while (page['@odata.nextLink'] !== undefined) {
      // The Graph client strips the host only from https URLs, so the test removes the http base itself.
      expect(page['@odata.nextLink'].startsWith(`${emulator.url}/v1.0/users?`)).toBe(true);
      page = (await client.api(page['@odata.nextLink'].slice(`${emulator.url}/v1.0`.length)).get()) as UserList;
      seen.push(...page.value.map((user) => user.id as string));
    }

    expect(seen.sort()).toEqual([...emulator.state.users.keys()].sort());
    expect(page.value.length).toBeLessThanOrEqual(5);
  });

  it('rejects $orderby as unsupported', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').orderby('displayName').get());

    expect(error.code).toBe('Request_UnsupportedQuery');
  });
});

describe('POST /users', () => {
  it('creates a user and returns it with an id', async () => {
    const { client, emulator } = await startForTest();

    const user = (await client.api('/users').post(newUser())) as User;

    expect(user.userPrincipalName).toBe('B.Simon@contoso.example');
    expect(emulator.state.users.get(user.id as string)?.displayName).toBe('B.Simon');
  });

  it.each(['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'])(
    'requires %s',
    async (property) => {
      const { client } = await startForTest();

      const error = await graphError(client.api('/users').post(newUser({ [property]: undefined })));

      expect(error.code).toBe('Request_BadRequest');
      expect(errorDetails(error)[0]?.target).toBe(property);
    },
  );

  it('rejects a UPN on a domain the tenant has not verified', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').post(newUser({ userPrincipalName: 'B.Simon@contoso.com' })));

    expect(error.code).toBe('Request_BadRequest');
    expect(errorDetails(error)).toEqual([expect.objectContaining({ code: 'InvalidValue', target: 'userPrincipalName' })]);
  });

  it.each(['Zoë.F@contoso.example', 'b+simon@contoso.example', '.bsimon@contoso.example', 'b simon@contoso.example'])(
    'rejects the UPN %s',
    async (userPrincipalName) => {
      const { client } = await startForTest();

      const error = await graphError(client.api('/users').post(newUser({ userPrincipalName })));

      expect(error.code).toBe('Request_BadRequest');
      expect(errorDetails(error)[0]?.target).toBe('userPrincipalName');
    },
  );

  it('rejects a UPN that exists with different case', async () => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').post(newUser({ userPrincipalName: 'Britta.Simon@contoso.example' })));

    expect(error.code).toBe('Request_BadRequest');
    expect(errorDetails(error)).toEqual([expect.objectContaining({ code: 'ObjectConflict', target: 'userPrincipalName' })]);
  });

  it.each([
    ['too short', 'Ab1!'],
    ['only two character classes', 'correcthorse7'],
    ['longer than 256 characters', `Aa1!${'x'.repeat(253)}`],
  ])('rejects a password that is %s', async (_case, password) => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/users').post(newUser({ passwordProfile: { password } })));

    expect(error.code).toBe('Request_BadRequest');
    expect(error.message).toContain('password complexity');
  });

  it('keeps the password out of the request log', async () => {
    const { client, emulator } = await startForTest();

    await client.api('/users').post(newUser());

    expect(JSON.stringify(emulator.requestLog())).not.toContain('Correct-Horse-7');
  });
});

describe('checkMemberGroups', () => {
  it('returns the approver group for approvers only', async () => {
    const { client } = await startForTest();
    const body = { groupIds: [APPROVERS_GROUP_ID, SALES_GROUP_ID] };

    const alex = (await client.api(`/users/${ALEX_WILBER_ID}/checkMemberGroups`).post(body)) as { value: string[] };
    const megan = (await client.api(`/users/${MEGAN_BOWEN_ID}/checkMemberGroups`).post(body)) as { value: string[] };
    const brian = (await client.api(`/users/${BRIAN_SIMON_ID}/checkMemberGroups`).post(body)) as { value: string[] };

    expect(alex.value).toEqual([APPROVERS_GROUP_ID]);
    expect(megan.value).toEqual([APPROVERS_GROUP_ID]);
    expect(brian.value).toEqual([SALES_GROUP_ID]);
  });

  it('rejects more than 20 group ids', async () => {
    const { client } = await startForTest();
    const groupIds = Array.from({ length: 21 }, () => APPROVERS_GROUP_ID);

    const error = await graphError(client.api(`/users/${ALEX_WILBER_ID}/checkMemberGroups`).post({ groupIds }));

    expect(error.statusCode).toBe(400);
  });
});
