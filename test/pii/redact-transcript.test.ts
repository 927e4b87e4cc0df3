import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactTranscript, type TranscriptTurn } from '../../core/pii/index.js';

/** A turn from text: one word per token, 300 ms each from `startMs`, punctuation left on the words. */
const turn = (role: TranscriptTurn['role'], text: string, startMs = 0): TranscriptTurn => ({
  role,
  words: text
    .split(' ')
    .map((t, i) => ({ text: t, beginMs: startMs + i * 300, endMs: startMs + i * 300 + 250 })),
});
const texts = (turns: TranscriptTurn[], mode: 'default' | 'strict' = 'default', knownNames: string[] = []) =>
  redactTranscript({ turns, mode, knownNames }).turns.map((t) => t.text);

describe('redactTranscript', () => {
  it('returns one [PII] item per entity with its input word span and time span', () => {
    // Prepare
    const turns = [
      turn('AGENT', 'What is the card number?'),
      turn('CUSTOMER', 'Sure, four one one one, one one one one, one one one one, one one one one.', 5000),
    ];
    // Act
    const result = redactTranscript({ turns });
    // Assess
    expect(result.turns[1]!.text).toBe('Sure, [PII].');
    expect(result.redactions).toEqual([
      {
        type: 'CREDIT_DEBIT_NUMBER',
        turnIndex: 1,
        firstWord: 1,
        lastWord: 16,
        word: 1,
        beginMs: 5000 + 300,
        endMs: 5000 + 16 * 300 + 250,
        upstream: false,
      },
    ]);
    expect(result.turns[1]!.words[1]).toMatchObject({ text: '[PII].', redaction: 'CREDIT_DEBIT_NUMBER' });
  });

  it('keeps Transcribe-style punctuation items out of the entity and absorbs the ones inside it', () => {
    const words = [
      { text: 'It', beginMs: 0, endMs: 100 },
      { text: 'is', beginMs: 100, endMs: 200 },
      { text: 'five', beginMs: 200, endMs: 300 },
      { text: 'one', beginMs: 300, endMs: 400 },
      { text: 'two', beginMs: 400, endMs: 500 },
      { text: ',', beginMs: 500, endMs: 500, punctuation: true },
      { text: 'five', beginMs: 500, endMs: 600 },
      { text: 'five', beginMs: 600, endMs: 700 },
      { text: 'five', beginMs: 700, endMs: 800 },
      { text: ',', beginMs: 800, endMs: 800, punctuation: true },
      { text: 'oh', beginMs: 800, endMs: 900 },
      { text: 'one', beginMs: 900, endMs: 1000 },
      { text: 'four', beginMs: 1000, endMs: 1100 },
      { text: 'two', beginMs: 1100, endMs: 1200 },
      { text: '.', beginMs: 1200, endMs: 1200, punctuation: true },
    ];
    const result = redactTranscript({
      turns: [turn('AGENT', 'And your phone number?'), { role: 'CUSTOMER', words }],
    });
    expect(result.turns[1]!.text).toBe('It is [PII].');
    expect(result.turns[1]!.words.map((w) => w.text)).toEqual(['It', 'is', '[PII]', '.']);
    expect(result.redactions[0]).toMatchObject({
      type: 'PHONE',
      firstWord: 2,
      lastWord: 13,
      beginMs: 200,
      endMs: 1200,
    });
  });

  it('uses the other party’s question as context, across a backchannel and a second turn', () => {
    const out = texts([
      turn('AGENT', 'Go ahead with the long number on the front.'),
      turn('CUSTOMER', 'Five four two three, one one two two'),
      turn('AGENT', 'Mm-hmm.'),
      turn('CUSTOMER', 'nine eight seven six, five four three two.'),
    ]);
    expect(out[1]).toBe('[PII]');
    expect(out[3]).toBe('[PII].');
  });

  it('redacts a read-back of the number the other party just gave', () => {
    const out = texts([
      turn('AGENT', 'And your PIN?'),
      turn('CUSTOMER', 'Nine nine one seven.'),
      turn('AGENT', 'That was nine nine one seven, correct?'),
    ]);
    expect(out.slice(1)).toEqual(['[PII].', 'That was [PII], correct?']);
  });

  it('finishes what an upstream redaction missed', () => {
    const result = redactTranscript({
      turns: [
        turn('AGENT', 'Card number?'),
        {
          role: 'CUSTOMER',
          words: [
            { text: '[PII]', beginMs: 0, endMs: 900, redaction: 'CREDIT_DEBIT_NUMBER' },
            ...'four four nine one'
              .split(' ')
              .map((text, i) => ({ text, beginMs: 1000 + i * 200, endMs: 1150 + i * 200 })),
          ],
        },
      ],
    });
    expect(result.turns[1]!.text).toBe('[PII] [PII]');
    expect(result.redactions.map((r) => [r.type, r.upstream])).toEqual([
      ['CREDIT_DEBIT_NUMBER', true],
      ['CREDIT_DEBIT_NUMBER', false],
    ]);
  });

  it('leaves order numbers, amounts, counts and years alone in default mode; strict takes every 3+ digit run', () => {
    const turns = [
      turn(
        'CUSTOMER',
        'My order number is seven seven one two four nine eight eight and I paid four hundred dollars.',
      ),
      turn('AGENT', 'It takes three to five days. The twenty twenty four plan is nineteen ninety nine.'),
    ];
    expect(texts(turns)).toEqual(turns.map((t) => t.words.map((w) => w.text).join(' ')));
    expect(texts(turns, 'strict')).toEqual([
      'My order number is [PII] and I paid [PII] dollars.',
      'It takes three to five days. The [PII] plan is [PII].',
    ]);
  });

  it('names: cues, answers, known names and every later mention', () => {
    const out = texts(
      [
        turn('AGENT', 'Thanks for calling, this is Dana. May I have your full name please?'),
        turn('CUSTOMER', 'Sure, Anneliese Vogt.'),
        turn('AGENT', 'Thank you Anneliese. Let me check.'),
        turn('CUSTOMER', 'My husband Rupert set it up.'),
      ],
      'default',
      ['Dana Smith'],
    );
    expect(out).toEqual([
      'Thanks for calling, this is [PII]. May I have your full name please?',
      'Sure, [PII].',
      'Thank you [PII]. Let me check.',
      'My husband [PII] set it up.',
    ]);
  });

  it('emails and addresses as spoken, dates of birth with and without month names', () => {
    const out = texts([
      turn('CUSTOMER', 'Send it to jay underscore park eighty eight at hotmail dot com please.'),
      turn('CUSTOMER', 'I live at fourteen oh five Maple Street, apartment three B, Springfield.'),
      turn('AGENT', 'And your date of birth?'),
      turn('CUSTOMER', 'The seventh of March, nineteen fifty seven.'),
      turn('AGENT', 'Sorry, as numbers?'),
      turn('CUSTOMER', 'I was born oh three, oh seven, fifty seven.'),
    ]);
    expect(out).toEqual([
      'Send it to [PII] please.',
      'I live at [PII].',
      'And your date of birth?',
      'The [PII].',
      'Sorry, as numbers?',
      'I was born [PII].',
    ]);
  });

  it("an address's city, state and ZIP, as written and as a speech engine writes them (found by a new-user trial: '[PII], Illinois 62701')", () => {
    const out = texts([
      turn('CUSTOMER', 'I live at 42 Oak Street, Springfield, Illinois 62701, since May.'),
      turn('CUSTOMER', 'i live at forty two oak street springfield illinois six two seven zero one'),
      turn('CUSTOMER', 'the branch on high street in washington is closed'),
    ]);
    expect(out).toEqual([
      'I live at [PII], since May.',
      'i live at [PII]',
      'the branch on high street in washington is closed',
    ]);
  });

  it("a lower-case address's state is the last within the city's words, and words like 'and' or 'in' are no city's (a ZIP after 'new york new york' was left; 'and then to ohio' was redacted)", () => {
    const out = texts([
      turn('CUSTOMER', 'i live at twelve high street new york new york one zero zero zero one'),
      turn('CUSTOMER', 'the parcel went to forty two oak street and then to ohio'),
      turn('CUSTOMER', 'it was sent to forty two oak street my mom in texas said'),
      turn('CUSTOMER', 'we have twelve main street locations in texas'),
      turn('CUSTOMER', 'i live at nine elm road kansas city missouri six four one zero one'),
    ]);
    expect(out).toEqual([
      'i live at [PII]',
      'the parcel went to [PII] and then to ohio',
      'it was sent to [PII] my mom in texas said',
      'we have [PII] locations in texas',
      'i live at [PII]',
    ]);
  });

  it('reads lowercase, unpunctuated speech-engine output', () => {
    const out = texts([
      turn('AGENT', 'can i get the card number please'),
      turn(
        'CUSTOMER',
        'yeah it is four seven one six nine one two three four five six seven eight nine zero one',
      ),
      turn('AGENT', 'and your name'),
      turn('CUSTOMER', 'my name is peter chang'),
    ]);
    expect(out[1]).toBe('yeah it is [PII]');
    expect(out[3]).toBe('my name is [PII]');
  });

  it.each([
    ['and what is your surname please', 'my surname is ogunleye thank you', 'my surname is [PII] thank you'],
    ['and what is your surname please', 'my surname is ogunleye', 'my surname is [PII]'],
    [
      'can i take your full name',
      'yes my first name is margaret and my surname is ogunleye',
      'yes my first name is [PII] and my surname is [PII]',
    ],
    [
      'how can i help',
      "my surname's Ogunleye and I want to check a payment",
      "my surname's [PII] and I want to check a payment",
    ],
    ['how can i help', 'my forename is margaret', 'my forename is [PII]'],
    // The review: what is said of a name is no name, and a name spelled after it is the name.
    ['how can i help', 'my surname is spelt wrong on the letter', 'my surname is spelt wrong on the letter'],
    ['how can i help', 'my surname was changed when I married', 'my surname was changed when I married'],
    ['how can i help', "my surname's different now", "my surname's different now"],
    ['how can i help', 'my name is spelt wrong', 'my name is spelt wrong'],
    ["what's your surname?", 'Smith, S M I T H', '[PII]'],
    ["what's your surname?", 'smith s m i t h', '[PII]'],
    ['and what is your surname please', 'my surname is smith s m i t h', 'my surname is [PII]'],
  ])(
    'a surname given after "surname" is the name, and "surname" is not (the PII-audio helper: "my [PII] is ogunleye"): %j / %j',
    (question, answer, redacted) => {
      // Act
      const out = texts([turn('AGENT', question), turn('CUSTOMER', answer)]);
      // Assess: the answer's name gone, the question's words kept
      expect(out).toEqual([question, redacted]);
    },
  );

  it.each([
    // A name question in bare output (no "?"): the cue ends the turn after a question's opening.
    ['what is your name', 'will frost', '[PII]'],
    ['whats your name', 'sunil patel', '[PII]'],
    ['confirm your name for me', 'erm sarah jones', 'erm [PII]'],
    ['whats your full name for me', 'erm grace okafor', 'erm [PII]'],
    ['okay and your surname', 'smith', '[PII]'],
    ['can i just take your name again', 'may hunt', '[PII]'],
    ['who am i speaking to', 'its hang nguyen', 'its [PII]'],
    ['who am i speaking with', 'its my husband david', 'its my husband [PII]'],
    // Replies that give no name keep their words; a relation after "my" is no name.
    ['what is your name', 'erm hang on a sec', 'erm hang on a sec'],
    ['what is your name', 'er its on the card', 'er its on the card'],
    ['what is your name', 'hmm let me think', 'hmm let me think'],
    ['what is your name', 'why do you need it', 'why do you need it'],
    ['could you spell your surname', 'pardon', 'pardon'],
    ['whats the name on the account', 'my daughter', 'my daughter'],
    ['and your surname', 'will do one second', 'will do one second'],
    ['can i take your full name', 'will call you back later', 'will call you back later'],
    ['could you spell your surname for me', 'im his wife', 'im his wife'],
    ['and your surname', 'its my late husbands account', 'its my late husbands account'],
    ['may i take your name', 'depends which account', 'depends which account'],
    ['sorry who am i speaking to', 'its under the company', 'its under the company'],
    ['can i just grab your first name', 'bad line sorry', 'bad line sorry'],
    ['what is your name', 'its doctor james okafor', 'its doctor [PII]'],
    ['what is your name', 'will check', 'will check'],
    // Without a "?" only a name the lexicon knows vouches for a reply: an unknown word may be a company's.
    ['what is your name', 'its ah kow', 'its ah kow'],
    ['whats the name on the account', 'barclays', 'barclays'],
    ['can i take your full name', 'joint holders', 'joint holders'],
    ['what is your surname', 'im the executor', 'im the executor'],
    ['okay so whats your full name', 'is that necessary', 'is that necessary'],
    // A third review's cases: "pardon" puts the answer off, "he" and "mate" may be names, a firm is none.
    ['your full name please', 'pardon farhan qureshi', 'pardon [PII]'],
    ['can i take your surname please', 'he', '[PII]'],
    ['who is calling', 'its wei zhang mate', 'its [PII] mate'],
    ['can i just confirm your full name for me', 'victoria station', 'victoria station'],
    // A greeting run into the question, no stop between: the clause ends with the question.
    ['good morning thanks for calling whats your name', 'will frost', '[PII]'],
    ['morning you are through to the claims team could i just get your surname', 'patel', '[PII]'],
    ['so you can give me your name', 'will frost', 'will frost'],
    ['i said we can take your name', 'will frost', 'will frost'],
    ['so that we can have your name', 'will frost', 'will frost'],
    // An agent's statement holding a name cue asks nothing: the reply keeps its words (a review's cases).
    ['i can see your name here', 'brilliant', 'brilliant'],
    ['let me see what we have under your name', 'perfect thank you', 'perfect thank you'],
    ['the letter has your date of birth and your name', 'smashing', 'smashing'],
    ['anyone who calls has to give their full name', 'grand', 'grand'],
    ['can i just say i love your name', 'aw thank you', 'aw thank you'],
    ['so what ill do is update your surname', 'lovely', 'lovely'],
    ['ill give your name to the engineer', 'fine', 'fine'],
    ['your name is on the letter', 'lovely', 'lovely'],
    ['i have updated your name', 'grand', 'grand'],
  ])(
    'a name question in lowercase bare output, and replies that give no name: %j / %j',
    (question, answer, redacted) => {
      // Act
      const out = texts([turn('AGENT', question), turn('CUSTOMER', answer)]);
      // Assess
      expect(out).toEqual([question, redacted]);
    },
  );

  it.each([
    ['my name is will frost', 'my name is [PII]'],
    [
      'hi my name is may and i need help with my account',
      'hi my name is [PII] and i need help with my account',
    ],
    ['my name is will okafor from flat two', 'my name is [PII] from flat two'],
    ['my name is will be on the letter i think', 'my name is will be on the letter i think'],
    ['my name is will appear on the letter', 'my name is will appear on the letter'],
    ['my name is may change when i marry', 'my name is may change when i marry'],
  ])(
    '"will" and "may" after "my name is" in bare output: a name only where the turn ends after it or its surname: %j',
    (said, redacted) => {
      expect(texts([turn('CUSTOMER', said)])).toEqual([redacted]);
    },
  );

  it("a bare name question is the agent's, answered by the first reply: not a customer's own question, not a second turn", () => {
    // Act
    const out = texts([
      turn('CUSTOMER', 'can i change the name on the account'),
      turn('AGENT', 'absolutely i can help with that'),
      turn('AGENT', 'can i take your full name'),
      turn('CUSTOMER', 'nadia haddad'),
      turn('CUSTOMER', 'basically my card got declined twice'),
    ]);
    // Assess
    expect(out).toEqual([
      'can i change the name on the account',
      'absolutely i can help with that',
      'can i take your full name',
      '[PII]',
      'basically my card got declined twice',
    ]);
  });

  it('a first name that is a word too ("will") is redacted where given, not in every later "will" of the call', () => {
    // Act
    const out = texts([
      turn('AGENT', 'what is your name'),
      turn('CUSTOMER', 'will frost'),
      turn('AGENT', 'thank you mrs frost i will send the form'),
      turn('CUSTOMER', 'that will be great'),
    ]);
    // Assess
    expect(out).toEqual([
      'what is your name',
      '[PII]',
      'thank you mrs [PII] i will send the form',
      'that will be great',
    ]);
  });

  it('is deterministic and never changes what it does not redact', () => {
    const vocabulary = [
      'my',
      'card',
      'number',
      'is',
      'four',
      'one',
      'oh',
      'double',
      'Mary',
      'at',
      'gmail',
      'dot',
      'com',
      'order',
      'the',
      'thanks',
      ',',
      '.',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 25 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom('default' as const, 'strict' as const),
        (lines, mode) => {
          const turns = lines.map((l, i) => turn(i % 2 ? 'CUSTOMER' : 'AGENT', l.join(' '), i * 10_000));
          const a = redactTranscript({ turns, mode });
          expect(redactTranscript({ turns, mode })).toEqual(a);
          for (const r of a.redactions) expect(r.beginMs).toBeLessThanOrEqual(r.endMs);
          a.turns.forEach((t, i) => {
            // Unredacted words come back as they were, in order.
            const kept = t.words.filter((w) => w.redaction === null).map((w) => w.text);
            const input = turns[i]!.words.map((w) => w.text);
            let at = 0;
            for (const w of kept) {
              at = input.indexOf(w, at);
              expect(at).toBeGreaterThanOrEqual(0);
              at += 1;
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('redactText (AI output)', () => {
  it('removes a value a summary wrote as digits and counts it', () => {
    expect(
      redactText(
        { text: 'Customer updated the card number to 4111 1111 1111 1111 and was helped by Dana.' },
        { knownNames: ['Dana Smith'] },
      ),
    ).toEqual({ text: 'Customer updated the card number to [PII] and was helped by [PII].', redactions: 2 });
    expect(redactText({ text: 'The agent waived the late fee.' })).toEqual({
      text: 'The agent waived the late fee.',
      redactions: 0,
    });
  });
});
