import { afterEach, describe, expect, it } from 'vitest';
import { collectGraphExchanges, createGraphClient, GraphDirectoryGateway, isDirectoryError } from '../../src/directory/index.js';
import {
  ALEX_WILBER_ID,
  APPROVERS_GROUP_ID,
  DANA_GUEST_ID,
  DEMO_DEFAULT_DOMAIN,
  SALES_GROUP_ID,
  SEAN_OBRIEN_ID,
  ZOE_FERREIRA_ID,
  demoSeed,
  startTenantEmulator,
  type StartOptions,
  type TenantEmulator,
} from '../../src/tenant-emulator/index.js';

const hashUserId = '5d1c7a36-0000-4000-8000-000000000001';
const plusUserId = '5d1c7a36-0000-4000-8000-000000000002';
const seed = {
  ...demoSeed,
  users: [
    ...demoSeed.users,
    { id: hashUserId, displayName: 'Hash User', userPrincipalName: `a#b@${DEMO_DEFAULT_DOMAIN}`, mail: null },
    { id: plusUserId, displayName: 'Plus & User', userPrincipalName: `x+y@${DEMO_DEFAULT_DOMAIN}`, mail: `x+y@${DEMO_DEFAULT_DOMAIN}` },
  ],
};

let emulator: TenantEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: StartOptions = {}, requestTimeoutMs = 5_000) {
  emulator = await startTenantEmulator({ port: 0, seed, ...options });
  const client = createGraphClient({ endpoint: emulator.url, authorityHost: emulator.url, credential: undefined });
  const sleeps: number[] = [];
  const gateway = new GraphDirectoryGateway({
    client,
    requestTimeoutMs,
    retryPolicy: { maxRetryAfterSeconds: 60, throttling: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 4 }, consistency: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 4 } },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { gateway, sleeps, emulator };
}

describe('GraphDirectoryGateway quoting', () => {
  it.each([
    [`sean.o'brien@${DEMO_DEFAULT_DOMAIN}`, SEAN_OBRIEN_ID],
    [`a#b@${DEMO_DEFAULT_DOMAIN}`, hashUserId],
    [`x+y@${DEMO_DEFAULT_DOMAIN}`, plusUserId],
    [`zoe.ferreira@${DEMO_DEFAULT_DOMAIN}`, ZOE_FERREIRA_ID],
    [`dana_fabrikam.example#EXT#@${DEMO_DEFAULT_DOMAIN}`, DANA_GUEST_ID],
  ])('reads user %s by UPN in the path and in a filter', async (upn, id) => {
    const { gateway } = await start();

    expect((await gateway.getUser(upn)).id).toBe(id);
    expect((await gateway.findUsers({ upn })).map((user) => user.id)).toEqual([id]);
  });

  it.each([
    ["Sean O'Brien", SEAN_OBRIEN_ID],
    ['Zoë Ferreira', ZOE_FERREIRA_ID],
    ['Plus & User', plusUserId],
  ])('finds display name %s exactly', async (displayName, id) => {
    const { gateway } = await start();
    expect((await gateway.findUsers({ displayName })).map((user) => user.id)).toEqual([id]);
  });

  it('keeps filter syntax inside the literal', async () => {
    const { gateway } = await start();
    expect(await gateway.findUsers({ displayName: "x' or startswith(displayName,'A') or displayName eq 'y" })).toEqual([]);
  });

  it('finds by mail and by prefix', async () => {
    const { gateway } = await start();
    expect((await gateway.findUsers({ mail: `x+y@${DEMO_DEFAULT_DOMAIN}` })).map((user) => user.id)).toEqual([plusUserId]);
    expect((await gateway.findUsers({ startsWith: "Sean O'" })).map((user) => user.id)).toEqual([SEAN_OBRIEN_ID]);
  });

  it('searches with ConsistencyLevel eventual', async () => {
    const { gateway } = await start();
    expect((await gateway.searchUsers('Alex')).map((user) => user.id)).toContain(ALEX_WILBER_ID);
  });

  it.each(['.', '..'])('sends no request for user key %s', async (key) => {
    const { gateway, emulator } = await start();
    const before = emulator.requestLog().length;

    await expect(gateway.getUser(key)).rejects.toMatchObject({ code: 'invalid_request' });
    expect(emulator.requestLog().length).toBe(before);
  });

  it('reports a missing user as not_found with a request id', async () => {
    const { gateway } = await start();
    await expect(gateway.getUser(`nobody@${DEMO_DEFAULT_DOMAIN}`)).rejects.toMatchObject({ code: 'not_found', httpStatus: 404, graphRequestId: expect.any(String) });
  });
});

describe('GraphDirectoryGateway templates', () => {
  it('finds the exact template before contains matches', async () => {
    const { gateway } = await start();
    const template = await gateway.findApplicationTemplate(['GoTo']);
    expect(template.displayName).toBe('GoTo');
  });

  it('falls back to contains', async () => {
    const { gateway } = await start();
    expect((await gateway.findApplicationTemplate(['Single-Account'])).displayName).toBe('AWS Single-Account Access');
  });

  it('lists ambiguous matches in the error', async () => {
    const { gateway } = await start();
    const error = await gateway.findApplicationTemplate(['GoT']).catch((caught: unknown) => caught);
    expect(isDirectoryError(error, 'ambiguous_match')).toBe(true);
    expect((error as Error).message).toContain('"GoToMeeting"');
    expect((error as Error).message).toContain('"GoTo"');
  });

  it('reports an unknown template as not_found', async () => {
    const { gateway } = await start();
    await expect(gateway.findApplicationTemplate(['No Such App'])).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('GraphDirectoryGateway directory reads', () => {
  it('reads the organization, group members and membership', async () => {
    const { gateway } = await start();
    const organization = await gateway.getOrganization();
    expect(organization.id).toBe(demoSeed.tenantId);
    expect((await gateway.listGroupMembers(APPROVERS_GROUP_ID)).map((member) => member.id).sort()).toHaveLength(2);
    expect(await gateway.checkMemberGroups(ALEX_WILBER_ID, [APPROVERS_GROUP_ID, SALES_GROUP_ID])).toEqual([APPROVERS_GROUP_ID]);
  });

  it('batches reads and retries an inner 429', async () => {
    const { gateway, sleeps, emulator: server } = await start();
    server.setFaults([{ method: 'GET', path: '/organization', kind: 'status', status: 429, retryAfter: 1, nth: 1 }]);
    const results = await gateway.batch([
      { id: 'org', url: '/organization' },
      { id: 'user', url: `/users/${ALEX_WILBER_ID}` },
      { id: 'missing', url: '/users/00000000-0000-0000-0000-00000000ffff' },
    ]);

    expect(results.map((result) => result.status)).toEqual([200, 200, 404]);
    expect(results[2]?.error?.code).toBe('not_found');
    expect(sleeps).toContain(1000);
  });

  it('collects the request id of every response', async () => {
    const { gateway, emulator: server } = await start();
    const { exchanges } = await collectGraphExchanges(() => gateway.getUser(ALEX_WILBER_ID));
    const logged = server.requestLog().at(-1)!;
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.requestId).toBe(logged.requestId);
  });
});

describe('GraphDirectoryGateway writes', () => {
  it('does not repeat a POST whose connection dropped', async () => {
    const { gateway, emulator: server } = await start();
    server.setFaults([{ method: 'POST', path: '/users', kind: 'drop', drop: 'after', nth: 1 }]);
    const user = { displayName: 'Drop Test', mailNickname: 'drop', userPrincipalName: `drop@${DEMO_DEFAULT_DOMAIN}`, password: 'Aa1!aaaaaaaaaaaa', forceChangePasswordNextSignIn: true };

    await expect(gateway.createUser(user)).rejects.toMatchObject({ code: 'unknown_outcome' });
    expect(server.requestLog().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/users'))).toHaveLength(1);
    expect([...server.state.users.values()].some((entry) => entry.userPrincipalName === user.userPrincipalName)).toBe(true);
  });

  it('does not repeat a POST that got a 503', async () => {
    const { gateway, emulator: server } = await start();
    server.setFaults([{ method: 'POST', path: '/users', kind: 'status', status: 503, retryAfter: 1 }]);
    const user = { displayName: 'Busy Test', mailNickname: 'busy', userPrincipalName: `busy@${DEMO_DEFAULT_DOMAIN}`, password: 'Aa1!aaaaaaaaaaaa', forceChangePasswordNextSignIn: true };

    await expect(gateway.createUser(user)).rejects.toMatchObject({ code: 'unknown_outcome', httpStatus: 503 });
    expect(server.requestLog().filter((entry) => entry.method === 'POST')).toHaveLength(1);
  });

  it('treats a timed-out POST as unknown outcome', async () => {
    const { gateway, emulator: server } = await start({}, 200);
    server.setFaults([{ method: 'POST', path: '/users', kind: 'latency', ms: 1_000 }]);
    const user = { displayName: 'Slow Test', mailNickname: 'slow', userPrincipalName: `slow@${DEMO_DEFAULT_DOMAIN}`, password: 'Aa1!aaaaaaaaaaaa', forceChangePasswordNextSignIn: true };

    await expect(gateway.createUser(user)).rejects.toMatchObject({ code: 'unknown_outcome' });
  });

  it('fails as throttled above the Retry-After ceiling', async () => {
    const { gateway, emulator: server, sleeps } = await start();
    server.setFaults([{ method: 'GET', path: '/organization', kind: 'status', status: 429, retryAfter: 3600 }]);

    await expect(gateway.getOrganization()).rejects.toMatchObject({ code: 'throttled', retryAfterSeconds: 3600 });
    expect(sleeps).toEqual([]);
  });
});
