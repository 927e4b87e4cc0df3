import {
  AREA_CODES,
  CALLER_ID_LABELS,
  CITIES,
  CUSTOMER_FIRST_NAMES,
  CUSTOMER_LAST_NAMES,
  EMAIL_DOMAINS,
  STREETS,
} from './people.js';
import type { Random } from './random.js';
import {
  digitsSpoken,
  digitsWritten,
  MONTHS,
  numberWords,
  ordinalWords,
  pairsSpoken,
  yearSpoken,
} from './spoken-number.js';
import type { PiiType } from './truth.js';

/** A piece of an utterance; `pii` marks it as one personal-data entity. */
export interface Fragment {
  text: string;
  pii: PiiType | null;
}

export interface CustomerProfile {
  first: string;
  last: string;
  /** E.164 number the customer calls from (the CTR ani), also what they say when asked. */
  phoneE164: string;
  callerIdLabel: string;
  /** PII slots usable in templates, each rendered once per call the way this caller says it. */
  slots: Readonly<Record<string, Fragment>>;
}

function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i += 1) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${partial}${(10 - (sum % 10)) % 10}`;
}

function spokenDate(random: Random, month: number, day: number, year: number): string {
  const monthName = MONTHS[month - 1]!;
  switch (random.int(0, 3)) {
    case 0:
      return `${monthName} ${ordinalWords(day)}, ${yearSpoken(year)}`;
    case 1:
      return `the ${ordinalWords(day)} of ${monthName}, ${yearSpoken(year)}`;
    case 2:
      return [month, day, year % 100]
        .map((n) => (n < 10 ? `oh ${numberWords(n)}` : numberWords(n)))
        .join(', ');
    default:
      return `${monthName} ${numberWords(day)} ${yearSpoken(year)}`;
  }
}

function spokenAddress(random: Random): string {
  const house = random.chance(0.5) ? random.int(100, 999) : random.int(1000, 9899);
  const street = random.pick(STREETS);
  const city = random.pick(CITIES);
  const unit = random.chance(0.25)
    ? ` apartment ${numberWords(random.int(1, 12))} ${random.pick(['A', 'B', 'C'])}`
    : '';
  return `${pairsSpoken(house)} ${street}${unit}, ${city}`;
}

/**
 * How a caller's numbers end up in the transcript: said digit by digit, with "double"/"triple"
 * for repeats, or written as digits by the speech engine (whole or in part).
 */
export type DigitStyle = 'plain' | 'repeats' | 'written' | 'mixed';

/**
 * `forms` draws how this caller says numbers (its own stream, so the rest of the call is the
 * same whatever style is drawn).
 */
export function createCustomerProfile(random: Random, forms?: Random): CustomerProfile {
  const style: DigitStyle = forms
    ? forms.weighted<DigitStyle>({ plain: 0.55, repeats: 0.2, written: 0.15, mixed: 0.1 })
    : 'plain';
  const say = (
    digits: string,
    options: { groups?: readonly number[]; oh?: boolean } = {},
    separator = ' ',
  ) => {
    if (style === 'written') return digitsWritten(digits, options.groups, separator);
    if (style === 'mixed' && forms?.chance(0.5)) return digitsWritten(digits, options.groups, ' ');
    return digitsSpoken(digits, { ...options, repeats: style === 'repeats' });
  };
  const written = (spoken: string, digits: string) => (style === 'written' ? digits : spoken);
  const first = random.pick(CUSTOMER_FIRST_NAMES);
  const last = random.pick(CUSTOMER_LAST_NAMES);
  const area = random.pick(AREA_CODES);
  const line = random.digits(4);
  const phoneDigits = `${area}555${line}`;
  const oh = random.chance(0.5);
  const birthYear = random.int(1945, 2003);
  const birthMonth = random.int(1, 12);
  const birthDay = random.int(1, 28);
  const card = luhnComplete(`4${random.digits(14)}`);
  const expiryMonth = random.int(1, 12);
  const expiryYear = random.int(26, 31);
  const emailUser = random.pick([
    `${first} dot ${last}`,
    `${first} underscore ${last}`,
    `${first} ${last} ${numberWords(birthYear % 100)}`,
    `${first.charAt(0)} ${last}`,
  ] as const);
  const beneficiaryFirst = random.pick(CUSTOMER_FIRST_NAMES.filter((name) => name !== first));
  const fragment = (text: string, pii: PiiType): Fragment => ({ text, pii });

  return {
    first,
    last,
    phoneE164: `+1${phoneDigits}`,
    callerIdLabel: random.pick(CALLER_ID_LABELS),
    slots: {
      customerName: fragment(`${first} ${last}`, 'NAME'),
      firstName: fragment(first, 'NAME'),
      beneficiaryName: fragment(`${beneficiaryFirst} ${last}`, 'NAME'),
      dob: fragment(
        written(
          spokenDate(random, birthMonth, birthDay, birthYear),
          `${[birthMonth, birthDay].map((n) => String(n).padStart(2, '0')).join('-')}-${birthYear}`,
        ),
        'DATE_OF_BIRTH',
      ),
      phone: fragment(say(phoneDigits, { groups: [3, 3, 4], oh }, '-'), 'PHONE'),
      phoneLast4: fragment(say(line, { oh }), 'PHONE'),
      email: fragment(`${emailUser.toLowerCase()} at ${random.pick(EMAIL_DOMAINS)}`, 'EMAIL'),
      address: fragment(spokenAddress(random), 'ADDRESS'),
      newAddress: fragment(spokenAddress(random), 'ADDRESS'),
      ssn: fragment(
        say(`${random.int(100, 665)}${random.digits(2)}${random.digits(4)}`, { groups: [3, 2, 4], oh }, '-'),
        'SSN',
      ),
      card: fragment(say(card, { groups: [4, 4, 4, 4] }), 'CREDIT_DEBIT_NUMBER'),
      cardLast4: fragment(say(card.slice(-4), { oh }), 'CREDIT_DEBIT_NUMBER'),
      expiry: fragment(
        random.chance(0.5)
          ? `${digitsSpoken(String(expiryMonth).padStart(2, '0'), { oh: true })} ${numberWords(expiryYear)}`
          : `${MONTHS[expiryMonth - 1]} twenty ${numberWords(expiryYear)}`,
        'CREDIT_DEBIT_EXPIRY',
      ),
      cvv: fragment(say(random.digits(3)), 'CREDIT_DEBIT_CVV'),
      account: fragment(say(random.digits(10), { groups: [3, 3, 4], oh }), 'BANK_ACCOUNT_NUMBER'),
      routing: fragment(say(`0${random.digits(8)}`, { oh }), 'BANK_ROUTING'),
      pin: fragment(say(random.digits(4)), 'PIN'),
    },
  };
}
