import { describe, expect, it } from 'vitest';
import { reasonMissCause, reasonParts } from '../../eval/score.js';

const LABELS = ['billing', 'cancellation', 'technical support'];

describe('reasonMissCause', () => {
  const request = [
    ['cancel', 'stop', 'end'],
    ['card', 'subscription'],
  ];

  it('blames the topic when the same quote under the reference label passes', () => {
    expect(
      reasonMissCause(
        'billing: can you end it, the card sits in a drawer',
        [['cancel'], ['card']],
        'cancellation',
        LABELS,
        ['can you end it, the card sits in a drawer'],
      ),
    ).toBe('topic');
    // No label at all ("none of these" for the call) counts as the wrong topic too.
    expect(
      reasonMissCause('i want to stop the card', [['cancel'], ['stop']], 'cancellation', LABELS, [
        'i want to stop the card',
      ]),
    ).toBe('topic');
  });

  it('says unsaid when no run of customer sentences in one turn names the request', () => {
    expect(
      reasonMissCause('billing: the silver one sits in a drawer. kill it off.', request, 'billing', LABELS, [
        'Hi there.',
        'The silver one sits in a drawer. Kill it off.',
      ]),
    ).toBe('unsaid');
  });

  it('says selection when another run of customer sentences would have passed', () => {
    expect(
      reasonMissCause('billing: the silver one sits in a drawer.', request, 'billing', LABELS, [
        'The silver one sits in a drawer.',
        'Oh and please stop the card.',
      ]),
    ).toBe('selection');
    // A run of neighbouring sentences within one turn counts; words split across turns do not.
    expect(
      reasonMissCause('billing: hello.', request, 'billing', LABELS, ['I want to stop it. It is the card.']),
    ).toBe('selection');
    expect(
      reasonMissCause('billing: hello.', request, 'billing', LABELS, [
        'I want to stop it.',
        'It is the card.',
      ]),
    ).toBe('unsaid');
  });
});

describe('reasonParts', () => {
  it('reads the topic label with or without an intent, and the quote after it', () => {
    expect(reasonParts('billing: charged twice', LABELS)).toEqual({
      label: 'billing',
      quote: 'charged twice',
    });
    expect(reasonParts('billing — duplicate charge: charged twice', LABELS)).toEqual({
      label: 'billing',
      quote: 'charged twice',
    });
    expect(reasonParts('i want to stop the card', LABELS)).toEqual({
      label: undefined,
      quote: 'i want to stop the card',
    });
    expect(reasonParts(null, LABELS)).toEqual({ label: undefined, quote: null });
  });

  it('blames the topic of a reason that names an intent of the wrong topic', () => {
    expect(
      reasonMissCause(
        'billing — annual fee: can you end it, the card sits in a drawer',
        [['cancel', 'end'], ['card']],
        'cancellation',
        LABELS,
        ['can you end it, the card sits in a drawer'],
      ),
    ).toBe('topic');
  });
});
