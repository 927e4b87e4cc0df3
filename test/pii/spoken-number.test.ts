import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseNumbers, numberTokens, readNumbers } from '../../core/pii/spoken-number.js';
import { digitsSpoken, numberWords, pairsSpoken, yearSpoken } from '../../generator/spoken-number.js';

/** The digits the normaliser hears in a phrase (all runs concatenated). */
const heard = (text: string): string =>
  readNumbers(numberTokens(text))
    .map((r) => r.digits)
    .join('|');

describe('spoken-number normaliser', () => {
  it.each([
    ['four one one one', '4111'],
    ['double five', '55'],
    ['triple seven', '777'],
    ['double oh seven', '007'],
    ['oh three, oh seven, fifty seven', '030757'],
    ['nineteen eighty four', '1984'],
    ['twenty twenty', '2020'],
    ['twenty twenty four', '2024'],
    ['two thousand five', '2005'],
    ['nineteen hundred', '1900'],
    ['one hundred twelve', '112'],
    ['a hundred and five', '105'],
    ['one twenty three', '123'],
    ['fourteen oh five', '1405'],
    ['five one two, five five five, oh one four two', '5125550142'],
    ['four one one one, um, two two two two', '41112222'],
    ['four one for one', '4141'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['(512) 555-1234', '5125551234'],
    ['four 1 1 1', '4111'],
    ['twenty-one', '21'],
  ])('hears "%s" as %s', (text, digits) => {
    expect(heard(text)).toBe(digits);
  });

  it('leaves words that only look like numbers alone', () => {
    expect(heard('Oh, okay.')).toBe('');
    expect(heard('Oh oh oh.')).toBe('');
    expect(heard('I went to the store for milk')).toBe('');
    // A range is two numbers, not one ("to" is a digit only inside a digit string).
    expect(heard('three to five business days')).toBe('3|5');
    expect(heard('may I have your name')).toBe('');
  });

  it('keeps the rest of the text and its punctuation', () => {
    expect(normaliseNumbers('My PIN is four one one one, thanks.')).toBe('my pin is 4111, thanks.');
    expect(normaliseNumbers('Call me at five five five, one two one two.')).toBe('call me at 5551212.');
  });

  it('points every run at the tokens it came from', () => {
    const tokens = numberTokens('card is four one one one and the code is double five');
    const runs = readNumbers(tokens);
    expect(runs.map((r) => tokens.slice(r.start, r.end + 1).join(' '))).toEqual([
      'four one one one',
      'double five',
    ]);
  });

  it('reads only its own number words, never a name every object has ("constructor", "valueOf")', () => {
    // Act
    const tokens = numberTokens('the constructor five six seven');
    const runs = readNumbers(tokens);

    // Assess: "constructor" is no repeat word (as "double" is) and no digit's homophone (as
    // "for" is between two digits).
    expect(runs.map((r) => [tokens.slice(r.start, r.end + 1).join(' '), r.digits])).toEqual([
      ['five six seven', '567'],
    ]);
    expect(heard('five six constructor seven')).toBe('56|7');
    expect(heard('one constructor two')).toBe('1|2');
    expect(heard('tostring valueof hasownproperty __proto__ five')).toBe('5');
  });
});

describe('spoken-number normaliser, properties (the generator speaks, the normaliser listens)', () => {
  it('round trip: any digit string said digit by digit, grouped and with or without "oh"', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 19 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 6 }),
        fc.boolean(),
        (digits, groups, oh) => {
          // A string of zeros said as "oh oh oh" is ambiguous with a song; say it as "zero".
          const oneOhOnly = oh && /^0+$/.test(digits);
          // Said as an answer ("it's ..."): an utterance-initial "Oh," is an interjection.
          expect(heard(`it's ${digitsSpoken(digits, { groups, oh: oh && !oneOhOnly })}`)).toBe(digits);
        },
      ),
    );
  });

  it('round trip: every cardinal from 0 to 999,999 in words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        expect(heard(numberWords(n))).toBe(String(n));
      }),
    );
  });

  it('round trip: house numbers and years read in pairs ("fourteen oh five", "nineteen eighty")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 9899 }), (n) => {
        expect(heard(pairsSpoken(n))).toBe(String(n));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), (year) => {
        expect(heard(yearSpoken(year))).toBe(String(year));
      }),
    );
  });

  it('round trip: "double" and "triple" for repeated digits', () => {
    const sayWithRepeats = (digits: string): string => {
      const words: string[] = [];
      let i = 0;
      while (i < digits.length) {
        let run = 1;
        while (digits[i + run] === digits[i] && run < 3) run += 1;
        const word = numberWords(Number(digits[i]));
        words.push(run === 1 ? word : `${run === 2 ? 'double' : 'triple'} ${word}`);
        i += run;
      }
      return words.join(' ');
    };
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }),
        (digits) => {
          expect(heard(sayWithRepeats(digits))).toBe(digits);
        },
      ),
    );
  });

  it('written digits in any grouping read back as the same digits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 16 }),
        fc.constantFrom(' ', '-', ' - '),
        fc.integer({ min: 1, max: 4 }),
        (digits, separator, size) => {
          const grouped = digits.match(new RegExp(`.{1,${size}}`, 'g'))!.join(separator);
          expect(heard(grouped)).toBe(digits);
        },
      ),
    );
  });
});
