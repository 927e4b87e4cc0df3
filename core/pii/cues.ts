import type { PiiEntityType } from '../../schemas/call-document.js';

/**
 * Context words that say what the next value is ("what's the card number?", "my date of
 * birth is"). A cue in the same turn, in the other party's previous turn, or an already-redacted
 * neighbour gives a number its type; BENIGN cues ("order number", "confirmation number") say a
 * long number is not personal data; LAST_DIGITS ("ending in", "last four") takes the type of
 * another cue in the same turn.
 */
export type CueType = PiiEntityType | 'BENIGN' | 'LAST_DIGITS';

const CUE_PHRASES: Readonly<Record<CueType, readonly string[]>> = {
  CREDIT_DEBIT_NUMBER: [
    'card number',
    'card',
    'credit card',
    'debit card',
    'visa',
    'mastercard',
    'master card',
    'amex',
    'american express',
    'discover',
    'long number',
    'number on the card',
    'cards',
  ],
  CREDIT_DEBIT_CVV: [
    'security code',
    'cvv',
    'c v v',
    'cvc',
    'c v c',
    'cvv2',
    'three digit code',
    'three digits on the back',
    'code on the back',
    'digits on the back',
    'on the back',
  ],
  CREDIT_DEBIT_EXPIRY: [
    'expiration',
    'expiry',
    'expires',
    'expire',
    'exp',
    'valid through',
    'valid thru',
    'good through',
    'good thru',
  ],
  SSN: ['social', 'social security', 'ssn', 's s n', 'socials', 'tax id', 'taxpayer', 'itin'],
  BANK_ACCOUNT_NUMBER: [
    'account number',
    'checking',
    'savings',
    'bank account',
    'account ending',
    'acct',
    'iban',
  ],
  BANK_ROUTING: ['routing', 'routing number', 'aba', 'transit number', 'sort code'],
  PHONE: [
    'phone',
    'telephone',
    'cell',
    'mobile',
    'home number',
    'work number',
    'callback number',
    'call back number',
    'call you back',
    'call you',
    'call me',
    'reach you',
    'reach me',
    'contact number',
    'best number',
    'number on the account',
    'number on file',
    'text you',
    'text me',
    'texted',
    'landline',
    'fax',
    'digits of the number',
  ],
  PIN: [
    'pin',
    'p i n',
    'pin number',
    'passcode',
    'pass code',
    'access code',
    'verification code',
    'one time code',
    'four digit code',
    'six digit code',
    'password',
    'verbal password',
    'code we sent',
    'code we texted',
  ],
  DATE_OF_BIRTH: ['date of birth', 'birth date', 'birthdate', 'birthday', 'born', 'd o b', 'dob', 'birth'],
  NAME: [
    'full name',
    'your name',
    'first name',
    'last name',
    'surname',
    'name on the account',
    'name on the card',
    "beneficiary's full name",
    'beneficiary',
    'spell your name',
    'who am i speaking',
    'who i am speaking',
    'who is calling',
    "who's calling",
    'name please',
  ],
  ADDRESS: [
    'address',
    'mailing address',
    'home address',
    'street',
    'live at',
    'lives at',
    'located at',
    'zip',
    'zip code',
    'postal code',
    'property address',
  ],
  EMAIL: ['email', 'e mail', 'email address'],
  SECURITY_ANSWER: [
    'maiden name',
    "mother's maiden name",
    'first pet',
    "pet's name",
    'security question',
    'security answer',
    'secret word',
    'secret answer',
    'passphrase',
    'pass phrase',
    'password',
    'verbal password',
    'favorite teacher',
    'grew up on',
    'first car',
    'mascot',
    'where you were born',
    'city you were born',
  ],
  NUMBER: [],
  // Its cues ("national insurance", "NI number") are read with its shape: core/pii/uk-ids.ts.
  UK_NATIONAL_INSURANCE_NUMBER: [],
  LAST_DIGITS: [
    'last four',
    'last 4',
    'ending in',
    'ends in',
    'last four digits',
    'last two',
    'last digits',
    'ending with',
  ],
  BENIGN: [
    'order number',
    'tracking number',
    'confirmation number',
    'confirmation code',
    'case number',
    'reference number',
    'ticket number',
    'claim number',
    'invoice number',
    'policy number',
    'model number',
    'serial number',
    'member number',
    'extension',
    'tracking',
    'confirmation',
    'invoice',
    'ticket',
    'claim',
    'serial',
  ],
};

export interface Cue {
  type: CueType;
  /** Piece index of the cue's last word. */
  at: number;
  /** Piece index of the cue's first word. */
  start: number;
}

/** Phrases by first word, longest first, so "card number" wins over "card". */
const BY_FIRST = (() => {
  const map = new Map<string, { words: string[]; type: CueType }[]>();
  for (const [type, phrases] of Object.entries(CUE_PHRASES) as [CueType, readonly string[]][]) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      const list = map.get(words[0]!) ?? [];
      list.push({ words, type });
      map.set(words[0]!, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

/**
 * The cues in a sequence of lowercase pieces (possessive "'s" tolerated: "card's number").
 * A phrase listed under two types ("password") yields both.
 */
export const findCues = (norms: readonly string[]): Cue[] => {
  const cues: Cue[] = [];
  for (let i = 0; i < norms.length; i += 1) {
    const candidates = BY_FIRST.get(norms[i]!);
    if (!candidates) continue;
    let matchedLength = 0;
    for (const { words, type } of candidates) {
      if (matchedLength > words.length) break;
      if (words.every((w, k) => norms[i + k] === w)) {
        matchedLength = words.length;
        cues.push({ type, at: i + words.length - 1, start: i });
      }
    }
  }
  return cues;
};

/** Words that are no part of a value and no context: backchannel replies. */
const BACKCHANNEL = new Set([
  'okay',
  'ok',
  'uh',
  'huh',
  'uh-huh',
  'mm',
  'mhm',
  'hmm',
  'mm-hmm',
  'yes',
  'yeah',
  'yep',
  'right',
  'sure',
  'got',
  'it',
  'go',
  'ahead',
  'alright',
  'all',
  'great',
  'thanks',
  'thank',
  'you',
  'perfect',
  'and',
]);

/** A turn that only acknowledges ("Okay.", "Mm-hmm, go ahead"): it does not reset the context. */
export const isBackchannel = (norms: readonly string[]): boolean => {
  const words = norms.filter((n) => /[a-z]/.test(n));
  return words.length > 0 && words.length <= 4 && words.every((w) => BACKCHANNEL.has(w));
};
