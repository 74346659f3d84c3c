import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CardVerb } from '../../src/cards/card-verbs.js';
import { buildPasswordCard, PasswordCardScopeError } from '../../src/cards/password-card.js';
import { buildSetupRequestCard } from '../../src/cards/setup-request-card.js';
import { buildUserAssignmentCard } from '../../src/cards/user-assignment-card.js';
import { buildCertificateCard } from '../../src/cards/certificate-card.js';
import { buildStatusCard } from '../../src/cards/status-card.js';
import { buildChecklistCard } from '../../src/cards/checklist-card.js';
import { cardProblems, textOf } from './card-rules.js';
import { ALL_STATES, certificateView, checklistView, setupView, statusView, userView } from './card-fixtures.js';

const PASSWORD = 'Qv7#m2_Lp9*Zr4!x';
const SECRET_PATTERNS = [/PRIVATE KEY/, /"password"/i, /"secret"/i, /"token"/i, /eyJ[A-Za-z0-9_-]{10,}\./, /Qv7/];
const TEMPLATE_DIRECTORY = new URL('../../cards/', import.meta.url);

describe('password card', () => {
  it('shows the password in a personal chat', () => {
    const card = buildPasswordCard({ displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.onmicrosoft.com', password: PASSWORD, conversationType: 'personal' });
    expect(cardProblems(card)).toEqual([]);
    expect(textOf(card)).toContain('Qv7\\#m2\\_Lp9\\*Zr4!x');
    expect(textOf(card)).toContain('must change this password at the first sign-in');
  });

  it.each(['channel', 'groupChat', '', 'Personal'])('throws for conversation type "%s"', (conversationType) => {
    expect(() =>
      buildPasswordCard({ displayName: 'B.Simon', userPrincipalName: 'B.Simon@contoso.onmicrosoft.com', password: PASSWORD, conversationType }),
    ).toThrow(PasswordCardScopeError);
  });

  it('reports a stable code when refusing', () => {
    try {
      buildPasswordCard({ displayName: 'B', userPrincipalName: 'b@c', password: PASSWORD, conversationType: 'channel' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'password_card_not_personal', name: 'PasswordCardScopeError' });
      expect(String(error)).not.toContain(PASSWORD);
    }
  });
});

describe('cards without secrets', () => {
  it.each(ALL_STATES)('carry no secret in state %s', (state) => {
    const cards = [
      buildSetupRequestCard(setupView(state)),
      buildUserAssignmentCard(userView(state, { kind: 'create-test-user', passwordDelivery: 'personal-chat' })),
      buildUserAssignmentCard(userView(state, { kind: 'create-test-user', passwordDelivery: 'not-shown' })),
    ];
    for (const card of cards) {
      for (const pattern of SECRET_PATTERNS) {
        expect(JSON.stringify(card)).not.toMatch(pattern);
      }
    }
  });

  it('leaves the certificate, status and checklist cards free of secrets', () => {
    for (const card of [buildCertificateCard(certificateView), buildStatusCard(statusView), buildChecklistCard(checklistView)]) {
      for (const pattern of SECRET_PATTERNS) {
        expect(JSON.stringify(card)).not.toMatch(pattern);
      }
    }
  });

  it('binds the password in no template but the password card', () => {
    const templates = readdirSync(TEMPLATE_DIRECTORY).filter((name) => name.endsWith('.json') && name !== 'password.json');
    expect(templates.length).toBeGreaterThan(5);
    for (const name of templates) {
      expect(readFileSync(new URL(name, TEMPLATE_DIRECTORY), 'utf8'), name).not.toMatch(/\$\{password\}/);
    }
  });
});

describe('template verbs', () => {
  it('uses only the verbs the bot routes', () => {
    const known = new Set<string>(Object.values(CardVerb));
    const templates = readdirSync(TEMPLATE_DIRECTORY).filter((name) => name.endsWith('.json') && name !== 'help.json');
    for (const name of templates) {
      const verbs = [...readFileSync(new URL(name, TEMPLATE_DIRECTORY), 'utf8').matchAll(/"verb":\s*"([^"]+)"/g)].map((match) => match[1]);
      for (const verb of verbs) {
        expect(known.has(verb!), `${name}: ${verb}`).toBe(true);
      }
    }
  });
});
