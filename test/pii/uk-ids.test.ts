import { describe, expect, it } from 'vitest';
import { redactDocument, redactText, redactTranscript, type TranscriptTurn } from '../../core/pii/index.js';
import { callWithTurns } from '../enrich/call-fixture.js';

/**
 * UK postcodes and National Insurance numbers, found by a compliance officer's trial left in the
 * lake ("It's [PII], HG2 7QP.", "[PII], postcode is M one four five T Q.", "It's QQ 12 34 56 C.",
 * "A B one two three four five six D."), in every mode.
 */

/** A turn from text: one word per token, 300 ms each, punctuation left on the words. */
const turn = (role: TranscriptTurn['role'], text: string): TranscriptTurn => ({
  role,
  words: text.split(' ').map((t, i) => ({ text: t, beginMs: i * 300, endMs: i * 300 + 250 })),
});
/** The customer's answer to the agent's line, redacted: its text and the types found in it. */
const answer = (agent: string, customer: string, mode: 'default' | 'strict' = 'default') => {
  const result = redactTranscript({ turns: [turn('AGENT', agent), turn('CUSTOMER', customer)], mode });
  return {
    text: result.turns[1]!.text,
    types: result.redactions.filter((r) => r.turnIndex === 1).map((r) => r.type),
  };
};

describe('UK postcodes', () => {
  it.each([
    'SW1A 1AA',
    'M1 4FT',
    'HG2 7QP',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'EC1A 1BB',
    'W1A 0AX',
    'GIR 0AA',
    'sw1a1aa',
    'hg2 7qp',
    'DN551PT',
  ])('a written postcode (%s) is redacted by its shape alone, in default and strict mode', (postcode) => {
    for (const mode of ['default', 'strict'] as const) {
      // Prepare
      const agent = 'Thanks.';
      const customer = `It goes to ${postcode} please.`;
      // Act
      const result = answer(agent, customer, mode);
      // Assess
      expect(result.text).toBe('It goes to [PII] please.');
      expect(result.types).toEqual(['ADDRESS']);
    }
  });

  it("the trial's leaks: a postcode after an upstream-redacted street and town, and one spoken after 'postcode is'", () => {
    // Prepare
    const upstream: TranscriptTurn = {
      role: 'CUSTOMER',
      words: [
        { text: "It's", beginMs: 0, endMs: 200 },
        { text: '[PII],', beginMs: 200, endMs: 900, redaction: 'ADDRESS' },
        { text: 'HG2', beginMs: 900, endMs: 1200 },
        { text: '7QP.', beginMs: 1200, endMs: 1500 },
      ],
    };
    // Act
    const written = redactTranscript({ turns: [turn('AGENT', 'And the address?'), upstream] });
    const spoken = answer('Where should we send it?', '[PII], postcode is M one four five T Q.');
    const strict = answer('Where should we send it?', '[PII], postcode is M one four five T Q.', 'strict');
    // Assess
    expect(written.turns[1]!.text).toBe("It's [PII], [PII].");
    expect(written.redactions.map((r) => [r.type, r.upstream])).toEqual([
      ['ADDRESS', true],
      ['ADDRESS', false],
    ]);
    expect(spoken.text).toBe('[PII], postcode is [PII].');
    expect(strict.text).toBe('[PII], postcode is [PII].');
  });

  it('a whole written address with its postcode is one [PII]', () => {
    // Prepare
    const customer = "It's 14 Station Road, Harrogate, HG2 7QP.";
    // Act
    const result = answer('And the address?', customer);
    // Assess
    expect(result.text).toBe("It's [PII].");
    expect(result.types).toEqual(['ADDRESS']);
  });

  it.each([
    ['M one four five T Q.', 'Okay, and your postcode?'],
    ['M one four five T Q.', 'Okay.'],
    ['em one four five tee cue', "what's the post code"],
    ['em fourteen five tee cue', 'and the postcode please'],
    ['L double four, one A B.', 'Okay.'],
    ['so the zip is em one four five tee cue', 'okay'],
  ])('a spoken postcode (%s, after %s) is redacted', (customer, agent) => {
    // Act
    const result = answer(agent, customer);
    // Assess
    expect(result.types).toEqual(['ADDRESS']);
    expect(result.text).not.toMatch(/\b(four|five|tee|cue|T Q|double)\b/i);
  });

  it('a postcode said with letter words needs a cue: the same words without one are left', () => {
    // Prepare
    const customer = 'em one four five tee cue';
    // Act
    const uncued = answer('okay', customer);
    const cued = answer('okay', `my postcode is ${customer}`);
    // Assess
    expect(uncued).toEqual({ text: customer, types: [] });
    expect(cued).toEqual({ text: 'my postcode is [PII]', types: ['ADDRESS'] });
  });

  it.each([
    'Take the M1 motorway and then the A1 road.',
    'I take a B12 vitamin every day.',
    'I sent my CV over yesterday.',
    'He wants a PS5 for his birthday.',
    'That was for the tax year 2026 to 2027.',
    'It is on at me to go in so we do it as we go.',
    'Flat B, one more thing: is it ok?',
    'Is it A or B or C?',
    'I had a one in a million chance.',
  ])('a look-alike (%s) is left in default mode, the postcode after it is not', (lookAlike) => {
    // Prepare
    const customer = `${lookAlike} It's HG2 7QP.`;
    // Act
    const result = answer('Anything else?', customer);
    // Assess
    expect(result).toEqual({ text: `${lookAlike} It's [PII].`, types: ['ADDRESS'] });
  });
});

describe('UK National Insurance numbers', () => {
  it.each([
    ["It's QQ 12 34 56 C.", 'Can I take your national insurance number?'],
    ["It's QQ 12 34 56 C.", 'Okay.'],
    ["It's QQ123456C.", 'Okay.'],
    ["It's AB123456D.", 'Okay.'],
    ["It's JG 10 37 59 A.", 'Okay.'],
    ['A B one two three four five six D.', 'Okay.'],
    ['A B, one two, three four, five six, D.', 'Okay.'],
    ['Q Q twelve thirty four fifty six C.', 'Okay.'],
    ['a b one two three four five six d', 'okay'],
    ['it is jay gee one oh three seven five nine ay', "what's your n i number"],
    ['It is J G 10 37 59.', 'And your NI number?'],
  ])('%s (after %s) is redacted whole, in default and strict mode', (customer, agent) => {
    for (const mode of ['default', 'strict'] as const) {
      // Act
      const result = answer(agent, customer, mode);
      // Assess
      expect(result.types).toEqual(['UK_NATIONAL_INSURANCE_NUMBER']);
      expect(result.text).toMatch(/^(It's |it is |It is )?\[PII\]\.?$/);
    }
  });

  it('a NINO said with letter words needs a cue; without the suffix it needs one too', () => {
    // Prepare
    const letterWords = 'jay gee one oh three seven five nine ay';
    const noSuffix = 'It is J G 10 37 59 thanks.';
    // Act
    const withoutCue = answer('okay', letterWords);
    const noSuffixWithoutCue = answer('Okay.', noSuffix);
    const withCue = answer('okay', `my national insurance number ${letterWords}`);
    // Assess
    expect(withoutCue).toEqual({ text: letterWords, types: [] });
    expect(noSuffixWithoutCue).toEqual({ text: noSuffix, types: [] });
    expect(withCue).toEqual({
      text: 'my national insurance number [PII]',
      types: ['UK_NATIONAL_INSURANCE_NUMBER'],
    });
  });

  it('a summary an AI step wrote is scrubbed of both', () => {
    // Prepare
    const text = 'Customer at HG2 7QP gave NI number QQ 12 34 56 C to update the record.';
    // Act
    const result = redactText({ text });
    // Assess
    expect(result).toEqual({
      text: 'Customer at [PII] gave NI number [PII] to update the record.',
      redactions: 2,
    });
  });
});

describe('the call document, by mode', () => {
  it('default and strict redact both; off passes the text through as given', () => {
    // Prepare
    const call = () =>
      callWithTurns([
        ['AGENT', 'Can I have your postcode and national insurance number?'],
        ['CUSTOMER', "It's HG2 7QP, and QQ 12 34 56 C."],
        ['CUSTOMER', 'Sorry, the postcode is M one four five T Q.'],
      ]);
    // Act
    const byMode = (['default', 'strict', 'off'] as const).map((mode) => {
      const doc = redactDocument(call(), mode);
      return { texts: doc.turns.slice(1).map((t) => t.text), types: doc.pii?.redactions.map((r) => r.type) };
    });
    // Assess
    const redacted = {
      texts: ["It's [PII], and [PII].", 'Sorry, the postcode is [PII].'],
      types: ['ADDRESS', 'UK_NATIONAL_INSURANCE_NUMBER', 'ADDRESS'],
    };
    expect(byMode).toEqual([
      redacted,
      redacted,
      {
        texts: ["It's HG2 7QP, and QQ 12 34 56 C.", 'Sorry, the postcode is M one four five T Q.'],
        types: [],
      },
    ]);
  });
});

describe('UK postcodes and NI numbers as a recogniser writes them (review of the change)', () => {
  it.each([
    ["What's your postcode?", 'it is M one four. five T Q', 'it is [PII]', 'ADDRESS'],
    ["What's your postcode?", 'it is B12. 9 T H', 'it is [PII]', 'ADDRESS'],
    ["What's your postcode?", 'sw one a one a a', '[PII]', 'ADDRESS'],
    [
      'And your national insurance number?',
      'It is Q. Q. 12. 34. 56. C.',
      'It is [PII].',
      'UK_NATIONAL_INSURANCE_NUMBER',
    ],
  ])(
    'after %j, %j: a full stop inside, or a lower-case area, is read with the cue',
    (agent, customer, text, type) => {
      // Act
      const result = answer(agent, customer);
      // Assess
      expect(result).toEqual({ text, types: [type] });
    },
  );

  it.each([
    'I drove up the M6 and the A1. It took me 3 hours.',
    'My son is in year 10. His flight is BA 2490. Room B12. The NHS. The 9 30 train.',
    "It's in the same area as me so 1 2 3 doesn't matter.",
  ])('with a postcode cue in the question, ordinary words and numbers are left: %j', (customer) => {
    // Act
    const result = answer("What's your postcode?", customer);
    // Assess
    expect(result).toEqual({ text: customer, types: [] });
  });

  it.each([
    'double constructor',
    'treble __proto__ and twenty constructor',
    'triple toString, forty hasOwnProperty, valueOf',
  ])(
    'words every object inherits are words, not symbols (%j threw "next.chars.repeat is not a function", quarantining the call)',
    (customer) => {
      // Act
      const result = answer("What's your postcode?", customer);
      // Assess
      expect(result).toEqual({ text: customer, types: [] });
    },
  );
});

describe('a UK postcode or NI number said over two turns (a pause split it)', () => {
  /** The call's turns redacted: each turn's text, and the redactions' turn and type. */
  const call = (...turns: [TranscriptTurn['role'], string][]) => {
    const result = redactTranscript({ turns: turns.map(([role, text]) => turn(role, text)) });
    return {
      texts: result.turns.map((t) => t.text),
      found: result.redactions.map((r) => [r.turnIndex, r.type]),
    };
  };

  it.each([
    [
      [
        ['AGENT', "And what's the postcode there?"],
        ['CUSTOMER', "It's S W one A"],
        ['CUSTOMER', 'one A A.'],
      ],
      ["And what's the postcode there?", "It's [PII]", '[PII].'],
      'ADDRESS',
    ],
    [
      [
        ['AGENT', 'Thanks.'],
        ['CUSTOMER', 'My postcode is M1.'],
        ['AGENT', 'Mm-hmm.'],
        ['CUSTOMER', '4FT, and the house is on the corner.'],
      ],
      ['Thanks.', 'My postcode is [PII].', 'Mm-hmm.', '[PII], and the house is on the corner.'],
      'ADDRESS',
    ],
    [
      [
        ['AGENT', 'Could I take your postcode?'],
        ['CUSTOMER', 'em one four'],
        ['AGENT', 'em one four'],
        ['CUSTOMER', 'five tee cue'],
      ],
      ['Could I take your postcode?', '[PII]', 'em one four', '[PII]'],
      'ADDRESS',
    ],
    [
      [
        ['AGENT', 'And your national insurance number?'],
        ['CUSTOMER', 'Q Q one two three four'],
        ['CUSTOMER', 'five six C.'],
      ],
      ['And your national insurance number?', '[PII]', '[PII].'],
      'UK_NATIONAL_INSURANCE_NUMBER',
    ],
  ] as const)('%j: both parts are redacted, one [PII] in each turn', (turns, texts, type) => {
    // Act
    const result = call(...(turns as unknown as [TranscriptTurn['role'], string][]));
    // Assess
    expect(result.texts).toEqual(texts);
    const speaker = turns.flatMap(([role], i) => (role === 'CUSTOMER' ? [i] : []));
    expect(result.found).toEqual([speaker.at(-2), speaker.at(-1)].map((i) => [i, type]));
  });

  it.each([
    [
      [
        ['AGENT', "What's the postcode?"],
        ['CUSTOMER', "It's S W one A"],
        ['CUSTOMER', 'um, one A A.'],
      ],
      ["What's the postcode?", "It's [PII]", 'um, [PII].'],
      [
        [1, 'ADDRESS'],
        [2, 'ADDRESS'],
      ],
    ],
    [
      [
        ['CUSTOMER', "It's S W one A"],
        ['AGENT', 'Sorry, the postcode?'],
        ['CUSTOMER', 'one A A.'],
      ],
      ["It's [PII]", 'Sorry, the postcode?', '[PII].'],
      [
        [0, 'ADDRESS'],
        [2, 'ADDRESS'],
      ],
    ],
    // (review) a letter said as a word at an edge is the word: the postcode is the later turn's alone
    [
      [
        ['AGENT', "What's your postcode?"],
        ['CUSTOMER', 'Let me see.'],
        ['CUSTOMER', 'M1 4FT.'],
      ],
      ["What's your postcode?", 'Let me see.', '[PII].'],
      [[2, 'ADDRESS']],
    ],
    [
      [
        ['AGENT', 'Could I take your postcode please?'],
        ['CUSTOMER', 'Yes, thank you.'],
        ['AGENT', 'Go ahead.'],
        ['CUSTOMER', 'N1 9GU.'],
      ],
      ['Could I take your postcode please?', 'Yes, thank you.', 'Go ahead.', '[PII].'],
      [[3, 'ADDRESS']],
    ],
    [
      [
        ['AGENT', 'And the postcode?'],
        ['CUSTOMER', 'It should be'],
        ['CUSTOMER', 'L1 8JQ.'],
      ],
      ['And the postcode?', 'It should be', '[PII].'],
      [[2, 'ADDRESS']],
    ],
    // (review) a whole value in one turn does not take the next turn's first letter as its suffix
    [
      [
        ['AGENT', 'And your national insurance number?'],
        ['CUSTOMER', "It's QQ 12 34 56."],
        ['AGENT', 'Lovely.'],
        ['CUSTOMER', 'A letter came about it last week.'],
      ],
      ['And your national insurance number?', "It's [PII].", 'Lovely.', 'A letter came about it last week.'],
      [[1, 'UK_NATIONAL_INSURANCE_NUMBER']],
    ],
    // (review) a question between the turns that changes the subject: no value joined over it
    [
      [
        ['AGENT', "What's the postcode of the site?"],
        ['CUSTOMER', "I don't know, it's just off the A1"],
        ['AGENT', 'How many staff there?'],
        ['CUSTOMER', '2 HR people.'],
      ],
      [
        "What's the postcode of the site?",
        "I don't know, it's just off the A1",
        'How many staff there?',
        '2 HR people.',
      ],
      [],
    ],
  ] as const)('%j: each turn as the review expects', (turns, texts, found) => {
    // Act
    const result = call(...(turns as unknown as [TranscriptTurn['role'], string][]));
    // Assess
    expect(result.texts).toEqual(texts);
    expect(result.found).toEqual(found);
  });

  it.each([
    // no cue: two edges meeting by chance are no value
    [
      ['CUSTOMER', 'My office is just off the M1.'],
      ['CUSTOMER', '2 HR people work there with me.'],
    ],
    // the parts were said by different people
    [
      ['AGENT', 'Which postcode is it, M1?'],
      ['CUSTOMER', '4FT, yes.'],
    ],
    // two of the other party's turns between: too far apart
    [
      ['CUSTOMER', 'My postcode is M1.'],
      ['AGENT', 'Right.'],
      ['AGENT', 'Go on.'],
      ['CUSTOMER', '4FT.'],
    ],
  ] as const)('%j: left as said', (...turns) => {
    // Act
    const result = call(...(turns as unknown as [TranscriptTurn['role'], string][]));
    // Assess
    expect(result.texts).toEqual(turns.map(([, text]) => text));
    expect(result.found).toEqual([]);
  });
});
