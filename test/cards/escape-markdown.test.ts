import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/escape-markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['*Bob*', '\\*Bob\\*'],
    ['_Bob_', '\\_Bob\\_'],
    ['[x](http://evil)', '\\[x\\]\\(http://evil\\)'],
    ['![x](http://evil/a.png)', '!\\[x\\]\\(http://evil/a.png\\)'],
    ['[x]: http://evil', '\\[x\\]: http://evil'],
    ['<http://evil>', '\\<http://evil\\>'],
    ["O'Brien", "O'Brien"],
    ['Zoë Müller', 'Zoë Müller'],
    ['a+b@contoso.com', 'a+b@contoso.com'],
    ['x_gmail.com#EXT#@contoso.onmicrosoft.com', 'x\\_gmail.com\\#EXT\\#@contoso.onmicrosoft.com'],
    ['`code`', '\\`code\\`'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['<at>Bot</at>', '\\<at\\>Bot\\</at\\>'],
    ['a | b', 'a \\| b'],
    ['back\\slash', 'back\\\\slash'],
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['B.Simon', 'B.Simon'],
    ['Jean-Luc', 'Jean-Luc'],
  ])('escapes %s', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('folds line breaks so a value cannot start a list', () => {
    expect(escapeMarkdown('Bob\n- admin\r\n# x')).toBe('Bob - admin \\# x');
  });
});
