import { describe, expect, it } from 'vitest';
import { commandCatalog, parseCommand, type Command, type MentionEntity } from '../../src/commands/index.js';

const meeting = { appKey: 'gotomeeting', product: 'gotomeeting' } as const;
const webinar = { appKey: 'gotomeeting', product: 'gotowebinar' } as const;
const training = { appKey: 'gotomeeting', product: 'gototraining' };
const assist = { appKey: 'gotomeeting', product: 'gotoassist' };

const botMention: MentionEntity = {
  type: 'mention',
  text: '<at>SSO Bot</at>',
  mentioned: { id: '28:bot-app-id', name: 'SSO Bot' },
};
const meganMention: MentionEntity = {
  type: 'mention',
  text: '<at>Megan Bowen</at>',
  mentioned: { id: '29:megan', name: 'Megan Bowen', aadObjectId: '22222222-2222-4222-8222-222222222222' },
};
const alexMention: MentionEntity = {
  type: 'mention',
  text: '<at>Alex Wilber</at>',
  mentioned: { id: '29:alex', name: 'Alex Wilber' },
};
const megan = { kind: 'mention', teamsUserId: '29:megan', aadObjectId: '22222222-2222-4222-8222-222222222222', name: 'Megan Bowen' };
const alex = { kind: 'mention', teamsUserId: '29:alex', aadObjectId: undefined, name: 'Alex Wilber' };

describe('parseCommand', () => {
  it.each([
    ['help', { type: 'help' }],
    ['Help!', { type: 'help' }],
    ['  HELP  ', { type: 'help' }],
    ['', { type: 'help' }],
    ['?', { type: 'help' }],
    ['<p>help</p>', { type: 'help' }],
    ['help&nbsp;', { type: 'help' }],
    ['set up GoToMeeting SSO', { type: 'setup-sso', app: meeting }],
    ['setup gotomeeting sso', { type: 'setup-sso', app: meeting }],
    ['Set up GoTo Meeting SSO.', { type: 'setup-sso', app: meeting }],
    ['set-up go to meeting sso', { type: 'setup-sso', app: meeting }],
    ['configure SSO for GoToWebinar', { type: 'setup-sso', app: webinar }],
    ['configure single sign-on for GoToTraining', { type: 'setup-sso', app: training }],
    ['enable GoToAssist single sign-on', { type: 'setup-sso', app: assist }],
    ['enable GoToAssist single sign on', { type: 'setup-sso', app: assist }],
    ['please set up GoToMeeting SAML SSO', { type: 'setup-sso', app: meeting }],
    ['set up GoToMeeting', { type: 'setup-sso', app: meeting }],
    ['set&nbsp;up&nbsp;GoToMeeting&nbsp;SSO', { type: 'setup-sso', app: meeting }],
    ['set\u00a0up GoToMeeting\nSSO', { type: 'setup-sso', app: meeting }],
    ['<p>set up</p><p>GoToMeeting SSO</p>', { type: 'setup-sso', app: meeting }],
    ['set up<br>GoToMeeting SSO?!', { type: 'setup-sso', app: meeting }],
    ['set up the GoToMeeting app SSO', { type: 'setup-sso', app: meeting }],
    ['create test user', { type: 'create-test-user', name: 'B.Simon' }],
    ['create a test user named J.Doe', { type: 'create-test-user', name: 'J.Doe' }],
    ['create test user B.Simon', { type: 'create-test-user', name: 'B.Simon' }],
    ['status', { type: 'status' }],
    ['status GoToMeeting', { type: 'status' , app: meeting }],
    ['status of GoTo Webinar?', { type: 'status', app: webinar }],
    ['who has GoToMeeting', { type: 'who-has', app: meeting }],
    ['who has access to GoToMeeting?', { type: 'who-has', app: meeting }],
    ['assignments', { type: 'who-has' }],
    ['assignments GoToTraining', { type: 'who-has', app: training }],
    ['certificate', { type: 'certificate' }],
    ['get the certificate for GoToMeeting', { type: 'certificate', app: meeting }],
    ['cert', { type: 'certificate' }],
    ['checklist', { type: 'checklist' }],
    ['checklist GoToMeeting', { type: 'checklist', app: meeting }],
    ['requests', { type: 'requests' }],
    ['my requests', { type: 'requests' }],
    ['list open requests', { type: 'requests' }],
    ['cancel CR-7F3K', { type: 'cancel', requestId: 'CR-7F3K' }],
    ['cancel cr-7f3k.', { type: 'cancel', requestId: 'CR-7F3K' }],
    ['cancel request CR-7F3KQ2', { type: 'cancel', requestId: 'CR-7F3KQ2' }],
    ['cancel 7F3K', { type: 'cancel', requestId: 'CR-7F3K' }],
    ['cancel CR-7FOL', { type: 'cancel', requestId: 'CR-7F01' }],
    ['rotate certificate', { type: 'rotate-certificate' }],
    ['rotate the signing certificate for GoToMeeting', { type: 'rotate-certificate', app: meeting }],
    ['renew cert', { type: 'rotate-certificate' }],
    ['assign B.Simon', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }] }],
    ['assign B.Simon to GoToMeeting', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }], app: meeting }],
    ['assign B.Simon to go to meeting', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }], app: meeting }],
    ['assign GoToMeeting to B.Simon', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }], app: meeting }],
    [
      'assign b.simon@contoso.com, Adele Vance and "Lee Gu" to GoToMeeting',
      {
        type: 'assign',
        users: [
          { kind: 'upn', value: 'b.simon@contoso.com' },
          { kind: 'name', value: 'Adele Vance' },
          { kind: 'name', value: 'Lee Gu' },
        ],
        app: meeting,
      },
    ],
    [
      'assign <a href="mailto:b.simon@contoso.com">b.simon@contoso.com</a>',
      { type: 'assign', users: [{ kind: 'upn', value: 'b.simon@contoso.com' }] },
    ],
    ['assign mailto:b.simon@contoso.com', { type: 'assign', users: [{ kind: 'mail', value: 'b.simon@contoso.com' }] }],
    ['unassign B.Simon', { type: 'unassign', users: [{ kind: 'name', value: 'B.Simon' }] }],
    ['remove B.Simon from GoToMeeting', { type: 'unassign', users: [{ kind: 'name', value: 'B.Simon' }], app: meeting }],
    ['unassign @B.Simon', { type: 'unassign', users: [{ kind: 'name', value: 'B.Simon' }] }],
  ])('parses %j', (text, expected) => {
    expect(parseCommand(text, [])).toEqual(expected);
  });

  it.each([
    ['stauts', 'status [<app>]'],
    ['hlep', 'help'],
    ['asign B.Simon', 'assign <user>[, <user>] [to <app>]'],
    ['sertificate', 'certificate [<app>]'],
    ['checklst', 'checklist [<app>]'],
    ['requets', 'requests'],
  ])('suggests the closest command for %j', (text, suggestion) => {
    expect(parseCommand(text, [])).toMatchObject({ type: 'unknown', suggestion });
  });

  it('returns unknown without suggestion for unrelated text', () => {
    const command = parseCommand('what is the weather like', []);
    expect(command).toEqual({ type: 'unknown', text: 'what is the weather like' });
  });

  it.each<[string, Command]>([
    ['set up AWS Single-Account Access SSO', { type: 'setup-sso', app: { name: 'AWS Single-Account Access' } }],
    ['configure SSO for the AWS app', { type: 'setup-sso', app: { name: 'AWS' } }],
    ['set up "AWS Single-Account Access" SSO', { type: 'setup-sso', app: { name: 'AWS Single-Account Access' } }],
    ['set up Zoom SSO', { type: 'setup-sso', app: { name: 'Zoom' } }],
    ['status AWS Single-Account Access', { type: 'status', app: { name: 'AWS Single-Account Access' } }],
    ['status of Zoom', { type: 'status', app: { name: 'Zoom' } }],
    ['who has access to AWS', { type: 'who-has', app: { name: 'AWS' } }],
    ['certificate for aws-single-account', { type: 'certificate', app: { name: 'aws-single-account' } }],
    ['checklist AWS', { type: 'checklist', app: { name: 'AWS' } }],
    ['rotate certificate for AWS', { type: 'rotate-certificate', app: { name: 'AWS' } }],
    ['assign B.Simon to AWS Single-Account Access', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }], app: { name: 'AWS Single-Account Access' } }],
    ['assign B.Simon to Zoom', { type: 'assign', users: [{ kind: 'name', value: 'B.Simon' }], app: { name: 'Zoom' } }],
    ['assign AWS to b.simon@contoso.example', { type: 'assign', users: [{ kind: 'upn', value: 'b.simon@contoso.example' }], app: { name: 'AWS' } }],
    ['assign AWS to B.Simon', { type: 'assign', users: [{ kind: 'name', value: 'AWS' }], app: { name: 'B.Simon' } }],
    ['unassign B.Simon from AWS', { type: 'unassign', users: [{ kind: 'name', value: 'B.Simon' }], app: { name: 'AWS' } }],
    ['create test user', { type: 'create-test-user', name: 'B.Simon' }],
    ['create test user for AWS', { type: 'create-test-user', name: 'B.Simon', app: { name: 'AWS' } }],
    ['create test user Britta Simon in AWS', { type: 'create-test-user', name: 'Britta Simon', app: { name: 'AWS' } }],
    ['create test user B.Simon for GoToWebinar', { type: 'create-test-user', name: 'B.Simon', app: webinar }],
    ['create test user Anna Fortune', { type: 'create-test-user', name: 'Anna Fortune' }],
  ])('keeps the app name in %j', (text, expected) => {
    expect(parseCommand(text, [])).toEqual(expected);
  });

  it.each([
    ['set up SSO', 'set up <app> SSO', /Which app/],
    [`status ${'x'.repeat(81)}`, 'status [<app>]', /is not an app/],
    ['set up b.simon@contoso.example', 'set up <app> SSO', /is not an app/],
    ['cancel', 'cancel <request id>', /Which request/],
    ['cancel CR-7U', 'cancel <request id>', /not a request id/],
    ['cancel CR-UUUU', 'cancel <request id>', /not a request id/],
    ['assign , , to GoToMeeting', 'assign <user>[, <user>] [to <app>]', /Name the people/],
    ['create test user a/b', 'create test user [<name>] [for <app>]', /not a valid user name/],
  ])('explains the problem in %j', (text, suggestion, problem) => {
    const command = parseCommand(text, []);
    expect(command.type).toBe('unknown');
    expect(command).toHaveProperty('suggestion', suggestion);
    expect(command).toHaveProperty('problem', expect.stringMatching(problem));
  });

  // Before the patterns were made linear, such inputs took 1 to 25 seconds at
  // 100 KB (timed by hand). These tests pin the results, not the time.
  describe('long and malformed input', () => {
    it('cuts a long run of trailing punctuation', () => {
      expect(parseCommand(`help${'. '.repeat(5000)}`, [])).toEqual({ type: 'help' });
    });

    it('keeps a mention after unclosed tags', () => {
      const command = parseCommand(`${'<at '.repeat(2000)}x <at>Megan Bowen</at>`, [meganMention]);
      expect(command).toMatchObject({ type: 'unknown' });
      expect(command.type === 'unknown' ? command.text : '').toMatch(/ x @Megan Bowen$/);
    });

    it('strips a tag that follows stray angle brackets', () => {
      expect(parseCommand(`${'<'.repeat(2000)}<b>x</b>`, [])).toEqual({ type: 'unknown', text: `${'<'.repeat(2000)}x` });
    });

    it('suggests nothing for one very long word', () => {
      expect(parseCommand('h'.repeat(5000), [])).toEqual({ type: 'unknown', text: 'h'.repeat(5000) });
    });
  });

  describe('mentions', () => {
    it('ignores the bot mention in channel text', () => {
      const command = parseCommand('<at>SSO Bot</at> help', [botMention], '28:bot-app-id');
      expect(command).toEqual({ type: 'help' });
    });

    it('maps a mention to the entity ids, not its text', () => {
      const text = '<at>SSO Bot</at> assign <at>Megan Bowen</at> to GoToMeeting';
      const command = parseCommand(text, [botMention, meganMention], '28:bot-app-id');
      expect(command).toEqual({ type: 'assign', users: [megan], app: meeting });
    });

    it('reads several mentions with and without separators', () => {
      const entities = [meganMention, alexMention];
      expect(parseCommand('assign <at>Megan Bowen</at> and <at>Alex Wilber</at>', entities)).toEqual({
        type: 'assign',
        users: [megan, alex],
      });
      expect(parseCommand('assign <at>Megan Bowen</at> <at>Alex Wilber</at>', entities)).toEqual({
        type: 'assign',
        users: [megan, alex],
      });
    });

    it('mixes mentions with names and addresses', () => {
      const command = parseCommand('unassign <at>Alex Wilber</at>, b.simon@contoso.com from GoToMeeting', [alexMention]);
      expect(command).toEqual({
        type: 'unassign',
        users: [alex, { kind: 'upn', value: 'b.simon@contoso.com' }],
        app: meeting,
      });
    });

    it('matches entities whose markup holds HTML entities', () => {
      const obrien: MentionEntity = { type: 'mention', text: '<at>Pat O&#39;Brien</at>', mentioned: { id: '29:pat', name: "Pat O'Brien" } };
      const command = parseCommand("assign <at>Pat O'Brien</at>", [alexMention, obrien]);
      expect(command).toEqual({ type: 'assign', users: [{ kind: 'mention', teamsUserId: '29:pat', aadObjectId: undefined, name: "Pat O'Brien" }] });
    });

    it('keeps a tag without entity as a name', () => {
      expect(parseCommand('assign <at>Lee Gu</at>', [])).toEqual({ type: 'assign', users: [{ kind: 'name', value: 'Lee Gu' }] });
    });

    it('does not bind a tag to an entity with other text', () => {
      const command = parseCommand('assign <at>Megan Bowen</at>', [alexMention]);
      expect(command).toEqual({ type: 'assign', users: [{ kind: 'name', value: 'Megan Bowen' }] });
    });

    it('binds a tag to an entity without text', () => {
      const { text: _text, ...withoutText } = meganMention;
      const command = parseCommand('assign <at>Megan Bowen</at>', [withoutText]);
      expect(command).toEqual({ type: 'assign', users: [megan] });
    });

    it('ignores a typed mention placeholder', () => {
      const command = parseCommand('unassign \uE0000\uE001, <at>Megan Bowen</at>', [meganMention]);
      expect(command).toEqual({ type: 'unassign', users: [{ kind: 'name', value: '0' }, megan] });
    });

    it('does not decode an entity-encoded placeholder', () => {
      const command = parseCommand('unassign &#xE000;0&#xE001; <at>Megan Bowen</at>', [meganMention]);
      expect(command).toMatchObject({ type: 'unknown', text: 'unassign &#xE000;0&#xE001; @Megan Bowen' });
    });

    it('keeps escaped tags as plain text', () => {
      const command = parseCommand('assign &lt;at&gt;Megan Bowen&lt;/at&gt;', [meganMention]);
      expect(command).toEqual({ type: 'assign', users: [{ kind: 'name', value: '<at>Megan Bowen</at>' }] });
    });

    it('quotes mentions by name in unknown text', () => {
      const command = parseCommand('hug <at>Megan Bowen</at>', [meganMention]);
      expect(command).toEqual({ type: 'unknown', text: 'hug @Megan Bowen' });
    });
  });
});

describe('commandCatalog', () => {
  it('lists every command type once', () => {
    const types = commandCatalog.map((entry) => entry.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(
      ['assign', 'cancel', 'certificate', 'checklist', 'create-test-user', 'help', 'requests', 'rotate-certificate', 'setup-sso', 'status', 'unassign', 'who-has'],
    );
  });

  it('has usages that parse to their own command type', () => {
    const examples: Record<string, string> = {
      'setup-sso': 'set up GoToMeeting SSO',
      assign: 'assign B.Simon to GoToMeeting',
      unassign: 'unassign B.Simon from GoToMeeting',
      'create-test-user': 'create test user',
      status: 'status GoToMeeting',
      'who-has': 'who has GoToMeeting',
      certificate: 'certificate GoToMeeting',
      checklist: 'checklist GoToMeeting',
      'rotate-certificate': 'rotate certificate GoToMeeting',
      requests: 'requests',
      cancel: 'cancel CR-7F3K',
      help: 'help',
    };
    for (const entry of commandCatalog) {
      expect(parseCommand(examples[entry.type] as string, []).type, entry.type).toBe(entry.type);
    }
  });
});
