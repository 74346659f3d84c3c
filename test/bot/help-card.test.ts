import { describe, expect, it } from 'vitest';
import { buildHelpCard } from '../../src/bot/index.js';
import { fitsActivityBudget } from '../../src/cards/card-size.js';
import { commandCatalog, displayUsage } from '../../src/commands/index.js';
import { cardProblems } from '../cards/card-rules.js';

describe('help card', () => {
  it('passes the Teams card rules', () => {
    expect(cardProblems(buildHelpCard())).toEqual([]);
    expect(cardProblems(buildHelpCard({ intro: 'Hi!' }))).toEqual([]);
  });

  it('lists every catalog command in order', () => {
    const card = buildHelpCard();
    const usages = (card.body as Array<{ type: string; items?: Array<{ text: string }> }>)
      .filter((element) => element.type === 'Container')
      .map((container) => container.items?.[0]?.text);

    expect(usages).toEqual(commandCatalog.map((entry) => displayUsage(entry.usage)));
  });

  it('writes placeholders without angle brackets', () => {
    const card = JSON.stringify(buildHelpCard());

    expect(card).toContain('assign ‹user›');
    expect(card).not.toMatch(/<[a-z ]+>/);
  });

  it('shows the intro only when given', () => {
    expect(JSON.stringify(buildHelpCard({ intro: 'Welcome aboard' }))).toContain('Welcome aboard');
    expect((buildHelpCard().body as unknown[]).length).toBe((buildHelpCard({ intro: 'x' }).body as unknown[]).length - 1);
  });

  it('fits the activity size budget', () => {
    expect(fitsActivityBudget(buildHelpCard({ intro: 'Hi!' }))).toBe(true);
  });
});
