import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { ALEX_WILBER_ID, APPROVERS_GROUP_ID } from '../../src/tenant-emulator/index.js';
import { graphError } from './graph-client.js';
import { startForTest } from './emulator-fixture.js';

type BatchBody = { responses: Array<{ id: string; status: number; body?: { error?: { code: string } } }> };

function request(id: string, url: string, options: { method?: string; body?: unknown; dependsOn?: string[] } = {}) {
  return {
    id,
    method: options.method ?? 'GET',
    url,
    ...(options.body === undefined ? {} : { body: options.body, headers: { 'Content-Type': 'application/json' } }),
    ...(options.dependsOn === undefined ? {} : { dependsOn: options.dependsOn }),
  };
}

describe('$batch', () => {
  it('runs requests built with BatchRequestContent and returns each status', async () => {
    const { client, emulator } = await startForTest();
    const content = new BatchRequestContent([
      { id: '1', request: new Request(`${emulator.url}/v1.0/users/${ALEX_WILBER_ID}`, { method: 'GET' }) },
      { id: '2', request: new Request(`${emulator.url}/v1.0/users/nobody@contoso.example`, { method: 'GET' }) },
    ]);

    const raw = (await client.api('/$batch').post(await content.getContent())) as BatchBody;
    const parsed = new BatchResponseContent(raw);

    expect(parsed.getResponseById('1')?.status).toBe(200);
    expect(parsed.getResponseById('2')?.status).toBe(404);
  });

  it('answers 424 for requests whose dependency failed', async () => {
    const { client } = await startForTest();

    const result = (await client.api('/$batch').post({
      requests: [
        request('1', '/users/nobody@contoso.example'),
        request('2', `/users/${ALEX_WILBER_ID}/checkMemberGroups`, { method: 'POST', body: { groupIds: [APPROVERS_GROUP_ID] }, dependsOn: ['1'] }),
        request('3', '/organization', { dependsOn: ['2'] }),
      ],
    })) as BatchBody;

    const statuses = Object.fromEntries(result.responses.map((response) => [response.id, response.status]));
    expect(statuses).toEqual({ '1': 404, '2': 424, '3': 424 });
  });

  it('runs dependent requests in order', async () => {
    const { client, emulator } = await startForTest();

    await client.api('/$batch').post({
      requests: [request('b', '/organization', { dependsOn: ['a'] }), request('a', `/users/${ALEX_WILBER_ID}`)],
    });

    const inner = emulator.requestLog().filter((entry) => entry.batchRequestId !== undefined);
    expect(inner.map((entry) => entry.path)).toEqual([`/users/${ALEX_WILBER_ID}`, '/organization']);
  });

  it('reports an injected 429 on an inner request inside a 200 batch', async () => {
    const { client } = await startForTest({ faults: [{ path: '/organization', kind: 'status', status: 429, retryAfter: 7 }] });

    const result = (await client.api('/$batch').post({ requests: [request('1', '/organization')] })) as BatchBody & {
      responses: Array<{ headers: Record<string, string> }>;
    };

    expect(result.responses[0]?.status).toBe(429);
    expect(result.responses[0]?.headers['Retry-After']).toBe('7');
  });

  it.each([
    ['more than 20 requests', Array.from({ length: 21 }, (_, index) => request(String(index), '/organization'))],
    ['duplicate ids', [request('1', '/organization'), request('1', '/organization')]],
    ['a body without Content-Type', [{ id: '1', method: 'POST', url: '/users', body: {} }]],
    ['an unknown dependency', [request('1', '/organization', { dependsOn: ['9'] })]],
  ])('rejects a batch with %s', async (_case, requests) => {
    const { client } = await startForTest();

    const error = await graphError(client.api('/$batch').post({ requests }));

    expect(error.statusCode).toBe(400);
  });
});
