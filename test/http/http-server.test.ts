import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/activities.js';
import { startTestBot, postJson, type TestBot } from '../support/bot-server.js';
import { startConnector } from '../support/connector.js';

let bot: TestBot | undefined;

afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('POST /api/messages', () => {
  it.each([
    ['malformed JSON', '{"type": "message", '],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['a JSON string', '"message"'],
    ['an object without type', '{"text": "help"}'],
    ['an activity with a wrong field type', '{"type": "message", "serviceUrl": "http://127.0.0.1:9/", "conversation": 5}'],
    ['an activity without serviceUrl', '{"type": "message", "text": "help", "conversation": {"id": "a:1"}}'],
    ['a serviceUrl that is not http', '{"type": "message", "serviceUrl": "file:///etc", "conversation": {"id": "a:1"}}'],
    ['a text that is a number', '{"type": "message", "text": 42, "serviceUrl": "http://127.0.0.1:9/", "conversation": {"id": "a:1"}}'],
    ['an aadObjectId that is a number', '{"type": "message", "serviceUrl": "http://127.0.0.1:9/", "conversation": {"id": "a:1"}, "from": {"id": "29:a", "aadObjectId": 5}}'],
    ['a tenant id that is a number', '{"type": "message", "serviceUrl": "http://127.0.0.1:9/", "conversation": {"id": "a:1", "tenantId": 5}}'],
    ['entities that are an object', '{"type": "message", "serviceUrl": "http://127.0.0.1:9/", "conversation": {"id": "a:1"}, "entities": {}}'],
  ])('returns 400 for %s', async (_name, body) => {
    bot = await startTestBot();

    const result = await bot.post(body);

    expect(result.status).toBe(400);
    expect(result.body).toEqual({ code: 'BadRequest', message: 'The request body must be a JSON Bot Framework activity.' });
  });

  it('keeps serving after a malformed body', async () => {
    bot = await startTestBot();
    await bot.post('{not json');

    const health = await fetch(`${bot.url}/healthz`);

    expect(health.status).toBe(200);
  });

  it('does not echo parser errors', async () => {
    bot = await startTestBot();

    const result = await bot.post('{"type": "message", "text": "<script>"');

    expect(JSON.stringify(result.body)).not.toMatch(/Unexpected|position|script/);
  });

  it.each([
    ['text/plain', undefined],
    ['application/x-www-form-urlencoded', undefined],
    [undefined, undefined],
    ['application/json', 'deflate'],
  ])('returns 415 for content type %s and encoding %s', async (contentType, encoding) => {
    bot = await startTestBot();
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (encoding) headers['content-encoding'] = encoding;

    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body: '{"type":"message"}' });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UnsupportedMediaType' });
  });

  it('accepts application/json with a charset', async () => {
    bot = await startTestBot();
    const connector = await startConnector();
    const activity = messageActivity({ text: 'help', serviceUrl: connector.serviceUrl });

    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON ; charset=utf-8' },
      body: JSON.stringify(activity),
    });
    await connector.close();

    expect(response.status).toBe(200);
  });

  it('rejects gzip that inflates past the limit', async () => {
    bot = await startTestBot();
    const connector = await startConnector();
    // About 1 KB compressed and 1 MB inflated: restify counts only the compressed bytes.
    const activity = { ...messageActivity({ text: 'help', serviceUrl: connector.serviceUrl }), padding: ' '.repeat(1024 * 1024) };
    const body = gzipSync(JSON.stringify(activity));

    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body,
    });
    await connector.close();

    expect(body.length).toBeLessThan(256 * 1024);
    expect(response.status).toBe(415);
    expect(connector.sent).toHaveLength(0);
  });

  it('returns 413 for a body over the limit', async () => {
    bot = await startTestBot();

    const result = await postJson(`${bot.url}/api/messages`, { type: 'message', text: 'x'.repeat(300 * 1024) });

    expect(result.status).toBe(413);
  });
});

describe('GET /healthz', () => {
  it('returns ok', async () => {
    bot = await startTestBot();

    const response = await fetch(`${bot.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('returns 200 when every check passes', async () => {
    bot = await startTestBot({ overrides: { readinessChecks: [{ name: 'directory', check: async () => undefined }] } });

    const response = await fetch(`${bot.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { storage: 'ok', directory: 'ok' } });
  });

  it('returns 503 naming the failed check', async () => {
    const failing = async (): Promise<void> => {
      throw new Error('directory unreachable: token=abc');
    };
    bot = await startTestBot({ overrides: { readinessChecks: [{ name: 'directory', check: failing }] } });

    const response = await fetch(`${bot.url}/readyz`);
    const body = (await response.json()) as unknown;

    expect(response.status).toBe(503);
    expect(body).toEqual({ status: 'not-ready', checks: { storage: 'ok', directory: 'failed' } });
    expect(JSON.stringify(body)).not.toContain('unreachable');
    expect(bot.logs.some((line) => line.msg === 'readiness check failed' && line.check === 'directory')).toBe(true);
  });

  it('fails a check that never settles', async () => {
    bot = await startTestBot({
      overrides: {
        readinessTimeoutMs: 50,
        readinessChecks: [{ name: 'directory', check: () => new Promise<void>(() => undefined) }],
      },
    });

    const response = await fetch(`${bot.url}/readyz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not-ready', checks: { storage: 'ok', directory: 'failed' } });
  });
});

describe('routes hook', () => {
  it('serves routes that features add', async () => {
    bot = await startTestBot({
      overrides: {
        routes: (server, services) => {
          server.get('/downloads/ping', async (_request, response) => {
            response.send(200, { base: services.config.publicBaseUrl });
          });
        },
      },
    });

    const response = await fetch(`${bot.url}/downloads/ping`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ base: bot.url });
  });
});
