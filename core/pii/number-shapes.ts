import luhn from 'fast-luhn';
import type { PiiEntityType } from '../../schemas/call-document.js';

/** How many digits a value of each numeric type has (a partial value is still redacted). */
export const DIGITS: Partial<Record<PiiEntityType, { min: number; max: number }>> = {
  CREDIT_DEBIT_NUMBER: { min: 13, max: 19 },
  CREDIT_DEBIT_CVV: { min: 3, max: 4 },
  CREDIT_DEBIT_EXPIRY: { min: 3, max: 6 },
  SSN: { min: 9, max: 9 },
  BANK_ACCOUNT_NUMBER: { min: 6, max: 17 },
  BANK_ROUTING: { min: 9, max: 9 },
  PHONE: { min: 10, max: 11 },
  PIN: { min: 4, max: 8 },
  DATE_OF_BIRTH: { min: 6, max: 8 },
};

/** Types whose value is a number (a cue for one of them types the next number run). */
export const isNumericType = (type: PiiEntityType): boolean => type in DIGITS;

/** Does a run of n digits fit the type (or a "last four" of it)? */
export const fits = (type: PiiEntityType, n: number, lastDigits = false): boolean => {
  const range = DIGITS[type];
  if (!range) return false;
  if (lastDigits) return n >= 2 && n <= 4;
  return n >= Math.min(range.min, 4) && n <= range.max;
};

/** ABA routing number checksum (3-7-1 weights). */
export const abaValid = (d: string): boolean => {
  if (!/^\d{9}$/.test(d)) return false;
  const n = [...d].map(Number);
  const sum = 3 * (n[0]! + n[3]! + n[6]!) + 7 * (n[1]! + n[4]! + n[7]!) + (n[2]! + n[5]! + n[8]!);
  return sum % 10 === 0;
};

/** A North American number: NPA and exchange start with 2-9, optional leading 1. */
export const nanpPhone = (d: string): boolean => /^1?[2-9]\d{2}[2-9]\d{6}$/.test(d);

/** A possible US SSN: area not 000/666/9xx, group not 00, serial not 0000. */
export const ssnShaped = (d: string): boolean =>
  /^\d{9}$/.test(d) && !/^(000|666|9)/.test(d) && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';

/**
 * The type a long number has by its shape alone (no context): a Luhn-valid 13-19 digit number
 * is a card, ten digits that dial are a phone number, nine digits are a routing number when the
 * ABA checksum holds and an SSN otherwise; anything else is an account number.
 */
export const typeByShape = (d: string): PiiEntityType => {
  if (d.length >= 13 && d.length <= 19 && luhn(d)) return 'CREDIT_DEBIT_NUMBER';
  if ((d.length === 10 || d.length === 11) && nanpPhone(d)) return 'PHONE';
  if (d.length === 7) return 'PHONE';
  if (d.length === 9) return abaValid(d) ? 'BANK_ROUTING' : ssnShaped(d) ? 'SSN' : 'BANK_ACCOUNT_NUMBER';
  return 'BANK_ACCOUNT_NUMBER';
};
