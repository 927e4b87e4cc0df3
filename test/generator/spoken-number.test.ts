import { describe, expect, it } from 'vitest';
import {
  amountSpoken,
  digitsSpoken,
  digitsWritten,
  numberWords,
  ordinalWords,
  pairsSpoken,
  yearSpoken,
} from '../../generator/spoken-number.js';

describe('spoken numbers', () => {
  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [40, 'forty'],
    [112, 'one hundred twelve'],
    [1234, 'one thousand two hundred thirty four'],
  ])('says %i as "%s"', (n, words) => {
    expect(numberWords(n)).toBe(words);
  });

  it.each([
    [3, 'third'],
    [12, 'twelfth'],
    [20, 'twentieth'],
    [21, 'twenty first'],
  ])('says the ordinal %i as "%s"', (n, words) => {
    expect(ordinalWords(n)).toBe(words);
  });

  it('says repeated digits as "double" and "triple", and writes digits as an engine would', () => {
    expect(digitsSpoken('7135552219', { groups: [3, 3, 4], repeats: true })).toBe(
      'seven one three, triple five, double two one nine',
    );
    expect(digitsWritten('5125550142', [3, 3, 4], '-')).toBe('512-555-0142');
    expect(digitsWritten('4111111111111111', [4, 4, 4, 4], ' ')).toBe('4111 1111 1111 1111');
  });

  it('reads digit groups the way callers give phone and card numbers', () => {
    expect(digitsSpoken('5125550142', { groups: [3, 3, 4], oh: true })).toBe(
      'five one two, five five five, oh one four two',
    );
    expect(digitsSpoken('4012', { oh: false })).toBe('four zero one two');
  });

  it.each([
    [1980, 'nineteen eighty'],
    [1905, 'nineteen oh five'],
    [2000, 'two thousand'],
    [2005, 'two thousand five'],
    [2012, 'twenty twelve'],
  ])('says the year %i as "%s"', (year, words) => {
    expect(yearSpoken(year)).toBe(words);
  });

  it('reads house numbers in pairs and amounts in dollars', () => {
    expect(pairsSpoken(123)).toBe('one twenty three');
    expect(pairsSpoken(405)).toBe('four oh five');
    expect(pairsSpoken(1405)).toBe('fourteen oh five');
    expect(pairsSpoken(2200)).toBe('twenty two hundred');
    expect(amountSpoken(4520, 'full')).toBe('forty five dollars and twenty cents');
    expect(amountSpoken(4520, 'short')).toBe('forty five twenty');
    expect(amountSpoken(100, 'full')).toBe('one dollar');
  });

  it('refuses numbers it cannot say', () => {
    expect(() => numberWords(-1)).toThrow(RangeError);
    expect(() => digitsSpoken('12a4')).toThrow(RangeError);
  });
});
