import type { User } from '@microsoft/microsoft-graph-types';
import { describe, expect, it } from 'vitest';
import { ALEX_WILBER_ID } from '../../src/tenant-emulator/index.js';
import { graphError, rawGraphClient, retryingGraphClient } from './graph-client.js';
import { findTemplate, startForTest } from './emulator-fixture.js';

describe('fault injection', () => {
  it('answers 429 with a Retry-After header above 180 seconds', async () => {
    const { emulator } = await startForTest({ faults: [{ method: 'GET', path: '/users/*', kind: 'status', status: 429, retryAfter: 300 }] });
    const client = rawGraphClient(emulator.url);

    const error = await graphError(client.api(`/users/${ALEX_WILBER_ID}`).get());

    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.headers?.get('Retry-After')).toBe('300');
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 429 without Retry-After when none is set', async () => {
    const { emulator } = await startForTest({ faults: [{ path: '/users/**', kind: 'status', status: 429 }] });
    const client = rawGraphClient(emulator.url);

    const error = await graphError(client.api(`/users/${ALEX_WILBER_ID}`).get());

    expect(error.statusCode).toBe(429);
    expect(error.headers?.get('Retry-After')).toBeNull();
  });

  it.each([503, 504] as const)('answers %i for transient failures', async (status) => {
    const { emulator } = await startForTest({ faults: [{ path: '/organization', kind: 'status', status }] });
    const client = rawGraphClient(emulator.url);

    const error = await graphError(client.api('/organization').get());

    expect(error.statusCode).toBe(status);
  });

  it('hits only the n-th call', async () => {
    const { emulator } = await startForTest({ faults: [{ path: '/organization', kind: 'status', status: 503, nth: 2 }] });
    const client = rawGraphClient(emulator.url);

    await client.api('/organization').get();
    const error = await graphError(client.api('/organization').get());
    await client.api('/organization').get();

    expect(error.statusCode).toBe(503);
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([200, 503, 200]);
  });

  it('hits a number of calls so a retrying client succeeds', async () => {
    const { emulator } = await startForTest({ faults: [{ path: '/organization', kind: 'status', status: 429, retryAfter: 0, times: 2 }] });
    const client = retryingGraphClient(emulator.url, 3, 0);

    const organization = (await client.api('/organization').get()) as { value: Array<{ id: string }> };

    expect(organization.value[0]?.id).toBe(emulator.tenantId);
    expect(emulator.requestLog().map((entry) => entry.status)).toEqual([429, 429, 200]);
  });

  it('drops the connection before the request takes effect', async () => {
    const { emulator } = await startForTest();
    const client = rawGraphClient(emulator.url);
    const template = await findTemplate(client, 'GoToMeeting');
    emulator.setFaults([{ method: 'POST', path: '/applicationTemplates/*/instantiate', kind: 'drop', drop: 'before' }]);

    await expect(client.api(`/applicationTemplates/${template.id}/instantiate`).post({ displayName: 'GoToMeeting' })).rejects.toThrow();

    expect(emulator.state.applications.size).toBe(0);
    expect(emulator.requestLog().at(-1)).toMatchObject({ status: 0, dropped: 'before' });
  });

  it('drops the connection after instantiate created the objects', async () => {
    const { emulator } = await startForTest();
    const client = rawGraphClient(emulator.url);
    const template = await findTemplate(client, 'GoToMeeting');
    emulator.setFaults([{ method: 'POST', path: /\/instantiate$/, kind: 'drop', drop: 'after' }]);

    await expect(client.api(`/applicationTemplates/${template.id}/instantiate`).post({ displayName: 'GoToMeeting' })).rejects.toThrow();

    expect(emulator.state.applications.size).toBe(1);
    expect(emulator.state.servicePrincipals.size).toBe(1);
    expect(emulator.requestLog().at(-1)).toMatchObject({ status: 0, dropped: 'after' });
  });

  it('adds latency to matching calls only', async () => {
    const { emulator } = await startForTest({ faults: [{ path: '/organization', kind: 'latency', ms: 50 }] });
    const client = rawGraphClient(emulator.url);

    const started = performance.now();
    await client.api('/organization').get();
    const elapsed = performance.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(45);
  });

  it('leaves other paths and methods alone', async () => {
    const { emulator } = await startForTest({ faults: [{ method: 'POST', path: '/users', kind: 'status', status: 503 }] });
    const client = rawGraphClient(emulator.url);

    const user = (await client.api('/users/alexw@example.com').get()) as User;
    const list = (await client.api('/users').top(1).get()) as { value: User[] };

    expect(user.id).toBe(ALEX_WILBER_ID);
    expect(list.value).toHaveLength(1);
  });
});

describe('request log', () => {
  it('records method, path with query, body, status and request id', async () => {
    const { emulator } = await startForTest();
    const client = rawGraphClient(emulator.url);

    await client.api(`/users/${ALEX_WILBER_ID}/checkMemberGroups`).post({ groupIds: [] });
    await client.api("/users?$filter=displayName eq 'Nobody'&$top=2").get();

    const [post, get] = emulator.requestLog();
    expect(post).toMatchObject({ method: 'POST', path: `/users/${ALEX_WILBER_ID}/checkMemberGroups`, body: { groupIds: [] }, status: 200 });
    expect(get?.method).toBe('GET');
    expect(get?.path).toContain('$top=2');
    expect(get?.status).toBe(200);
    expect(get?.requestId).not.toBe(post?.requestId);
    expect(Number.isNaN(Date.parse(get?.time ?? ''))).toBe(false);
  });
});

describe('control API', () => {
  it('sets faults over HTTP and reads the request log', async () => {
    const { emulator } = await startForTest();
    const client = rawGraphClient(emulator.url);
    const put = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ pathRegex: '^/organization$', kind: 'status', status: 504, times: 1 }] }),
    });

    const error = await graphError(client.api('/organization').get());
    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { value: Array<{ path: string; status: number }> };

    expect(put.status).toBe(204);
    expect(error.statusCode).toBe(504);
    expect(log.value).toEqual([expect.objectContaining({ path: '/organization', status: 504 })]);
  });

  it('rejects an invalid fault with 400', async () => {
    const { emulator } = await startForTest();

    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ path: '/users', kind: 'status', status: 418 }] }),
    });

    expect(response.status).toBe(400);
  });

  it('sets replication lag and latency and clears the log', async () => {
    const { emulator } = await startForTest();
    const client = rawGraphClient(emulator.url);
    const put = (path: string, body: unknown) =>
      fetch(`${emulator.url}/_emulator/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await put('replication-lag', { calls: 1 })).status).toBe(204);
    expect((await put('saml-mode-lag', { calls: 1 })).status).toBe(204);
    expect((await put('latency', { ms: 0 })).status).toBe(204);
    const template = await findTemplate(client, 'GoToMeeting');
    const created = (await client.api(`/applicationTemplates/${template.id}/instantiate`).post({ displayName: 'GoToMeeting' })) as {
      application: { id: string };
    };
    const error = await graphError(client.api(`/applications/${created.application.id}`).get());
    const cleared = await fetch(`${emulator.url}/_emulator/requests`, { method: 'DELETE' });

    expect(error.statusCode).toBe(404);
    expect(cleared.status).toBe(204);
    expect(emulator.requestLog()).toEqual([]);
  });
});
