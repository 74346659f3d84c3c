import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { activityLogger, createLogger } from '../../src/logging/index.js';

function collectingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger('debug', destination), lines };
}

describe('createLogger', () => {
  it.each([
    ['an Authorization header', { req: { headers: { authorization: 'Bearer eyJ.secret' } } }],
    ['a capitalised Authorization header', { headers: { Authorization: 'Bearer eyJ.secret' } }],
    ['a token', { token: 'eyJ.secret' }],
    ['an access token', { result: { accessToken: 'eyJ.secret' } }],
    ['a password', { user: { passwordProfile: { password: 'eyJ.secret' } } }],
    ['a private key', { certificate: { privateKey: 'eyJ.secret' } }],
    ['a client secret', { credential: { clientSecret: 'eyJ.secret' } }],
    ['a password deep in a batch body', { batch: { requests: [{ body: { user: { passwordProfile: { password: 'eyJ.secret' } } } }] } }],
    ['a header inside an error field', { error: { request: { headers: { Authorization: 'Bearer eyJ.secret' } } } }],
    ['an environment-style name', { env: { AZURE_CLIENT_SECRET: 'eyJ.secret', LINK_SIGNING_KEY: 'eyJ.secret' } }],
    ['a bot password variable', { settings: { MicrosoftAppPassword: 'eyJ.secret' } }],
    ['a repeated set-cookie header', { response: { headers: { 'set-cookie': ['a=eyJ.secret', 'b=eyJ.secret'] } } }],
    ['a bearer token inside text', { detail: 'sent Authorization: bearer eyJ0eXAiOiJKV1Qi.eyJ.secret to Graph' }],
    ['basic credentials inside text', { detail: 'header Basic dXNlcjpleUouc2VjcmV0' }],
    ['a blob signature in a URL', { url: 'https://account.blob.core.windows.net/c/b?sv=1&sig=eyJ.secret&se=2' }],
    ['an account key in a connection string', { value: 'AccountName=a;AccountKey=eyJ.secret;EndpointSuffix=core' }],
  ])('redacts %s', (_name, fields) => {
    const { logger, lines } = collectingLogger();

    logger.info(fields, 'something happened');

    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain('eyJ.secret');
    expect(JSON.stringify(lines[0])).toContain('[redacted]');
  });

  it('redacts the cause of a logged error', () => {
    const { logger, lines } = collectingLogger();
    const cause = Object.assign(new Error('send failed'), { request: { body: { passwordProfile: { password: 'eyJ.secret' } } } });

    logger.error({ err: new Error('step failed', { cause }), failure: cause }, 'step failed');

    expect(JSON.stringify(lines[0])).not.toContain('eyJ.secret');
  });

  it('keeps fields that only look like secrets', () => {
    const { logger, lines } = collectingLogger();

    logger.info({ passwordDestination: 'personal chat', hasPassword: true, tokenCount: 3, step: 'Basic SAML Configuration' }, 'delivered');

    expect(lines[0]).toMatchObject({ passwordDestination: 'personal chat', hasPassword: true, tokenCount: 3, step: 'Basic SAML Configuration' });
  });

  it('writes JSON lines at the given level', () => {
    const { logger, lines } = collectingLogger();

    logger.debug({ requestId: 'CR-7F3K' }, 'planned');

    expect(lines[0]).toMatchObject({ level: 20, requestId: 'CR-7F3K', msg: 'planned' });
  });
});

describe('activityLogger', () => {
  it('carries the activity ids', () => {
    const { logger, lines } = collectingLogger();
    const activity = {
      id: 'activity-1',
      type: 'message',
      conversation: { id: 'a:conversation', tenantId: 'conversation-tenant' },
      channelData: { tenant: { id: 'channel-tenant' } },
      from: { aadObjectId: 'user-object-id' },
    };

    activityLogger(logger, activity).info('received');

    expect(lines[0]).toMatchObject({
      activityId: 'activity-1',
      conversationId: 'a:conversation',
      tenantId: 'channel-tenant',
      userObjectId: 'user-object-id',
    });
  });
});
