import { describe, expect, it } from 'vitest';
import { cardProblems } from './card-rules.js';

function card(body: unknown[], version = '1.5'): Record<string, unknown> {
  return { type: 'AdaptiveCard', version, body };
}

const fallback = { type: 'Action.Submit', title: 'Go', data: { requestId: 'CR-1', verb: 'request.cancel' } };
const execute = { type: 'Action.Execute', title: 'Go', verb: 'request.cancel', data: { requestId: 'CR-1' }, fallback };

describe('card rules', () => {
  it('accepts a minimal valid card', () => {
    expect(cardProblems(card([{ type: 'TextBlock', text: 'hi' }, { type: 'ActionSet', actions: [execute] }]))).toEqual([]);
  });

  it.each([
    ['an unknown element', card([{ type: 'Carousel', pages: [] }]), /Carousel/],
    ['a version other than 1.5', card([{ type: 'TextBlock', text: 'hi' }], '1.6'), /version is 1\.6/],
    ['Action.Execute outside an ActionSet', { ...card([{ type: 'TextBlock', text: 'hi' }]), actions: [execute] }, /not inside an ActionSet|card-level/],
    ['duplicate ids', card([{ type: 'TextBlock', id: 'a', text: 'x' }, { type: 'TextBlock', id: 'a', text: 'y' }]), /"a"/],
    ['an unbound expression', card([{ type: 'TextBlock', text: '${missing}' }]), /unbound/],
    ['a TextBlock without text', card([{ type: 'TextBlock', text: '' }]), /required property text/],
    ['an approval verb without planHash', card([{ type: 'ActionSet', actions: [{ ...execute, verb: 'request.approve' }] }]), /planHash/],
    ['Action.Execute without a fallback', card([{ type: 'ActionSet', actions: [{ ...execute, fallback: undefined }] }]), /no Action.Submit fallback/],
    ['a fallback of another verb', card([{ type: 'ActionSet', actions: [{ ...execute, fallback: { ...fallback, data: { requestId: 'CR-1', verb: 'request.approve' } } }] }]), /fallback of Action.Execute request.cancel has data/],
    ['a fallback with other data', card([{ type: 'ActionSet', actions: [{ ...execute, fallback: { ...fallback, data: { requestId: 'CR-2', verb: 'request.cancel' } } }] }]), /expected/],
    ['a fallback of another title', card([{ type: 'ActionSet', actions: [{ ...execute, fallback: { ...fallback, title: 'Stop' } }] }]), /has the title Stop/],
  ])('rejects %s', (_name, bad, pattern) => {
    expect(cardProblems(bad).join('\n')).toMatch(pattern);
  });
});
