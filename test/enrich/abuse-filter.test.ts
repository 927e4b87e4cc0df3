import { describe, expect, it } from 'vitest';
import { createLexiconAbuseFilter } from '../../adapters/local/toxicity/abuse-filter.js';
import { ABUSE_MASK } from '../../core/enrich/abuse.js';

const filter = createLexiconAbuseFilter();

describe('lexicon abuse filter (the reason for the call never quotes abuse)', () => {
  it.each([
    ['i cant log in to my account so fix it or watch your back', 'i cant log in to my account so fix it'],
    [
      'Some scumbag has emptied my savings account and you useless idiots let it happen.',
      `Some ${ABUSE_MASK} has emptied my savings account.`,
    ],
    [
      'just close the damn account im done with you clowns',
      `just close the ${ABUSE_MASK} account im done with you ${ABUSE_MASK}`,
    ],
    ['I want my f***ing money back, you morons.', `I want my ${ABUSE_MASK} money back, you ${ABUSE_MASK}.`],
    [
      "I can't log in to your st*pid f-ing website again.",
      `I can't log in to your ${ABUSE_MASK} website again.`,
    ],
    // Threats and abuse with no word to mask: the clause the rules still flag is masked whole,
    // the request words in a clean clause stay.
    ['Cancel my policy or I will snap your neck.', `Cancel my policy ${ABUSE_MASK}.`],
    // A threat sharing its clause with the request: the threat is masked, the clean request stays.
    [
      "I'll torch your office if my car insurance claim isn't paid.",
      `${ABUSE_MASK} if my car insurance claim isn't paid.`,
    ],
    [
      "If my pension transfer isn't done by Monday I'll burn your office down.",
      `If my pension transfer isn't done by Monday ${ABUSE_MASK}.`,
    ],
    [
      "If the refund isn't back by Friday I'll be waiting outside your house, and you won't like it.",
      `If the refund isn't back by Friday ${ABUSE_MASK}, and you won't like it.`,
    ],
    [
      'My card payment bounced twice. I know where you live and I will be waiting outside your house tonight.',
      `My card payment bounced twice. ${ABUSE_MASK}.`,
    ],
    [
      'What a load of S.H.I.T. my loan payment never arrived.',
      `${ABUSE_MASK} my loan payment never arrived.`,
    ],
  ])('cleans %j', (text, clean) => {
    expect(filter.isAbusive(text)).toBe(true);
    expect(filter.clean(text)).toBe(clean);
    // Nothing the filter flags is left.
    expect(filter.isAbusive(filter.clean(text))).toBe(false);
  });

  it.each([
    // nothing clean of three words or more is left beside the threat: masked whole, as before
    ["I'll torch your office, I swear it.", `${ABUSE_MASK}, I swear it.`],
    ['Pay up or you will regret it.', `Pay up ${ABUSE_MASK}.`],
  ])('masks %j whole where no clean request shares the clause', (text, clean) => {
    expect(filter.clean(text)).toBe(clean);
    expect(filter.isAbusive(filter.clean(text))).toBe(false);
  });

  it.each([
    'the thief took my card and emptied the account',
    'My name is Dickson, I live in Scunthorpe.',
    'Let me kill the session, the app is killing me.',
    "I'll come down there tomorrow with the receipts.",
    'My card was charged twice.',
  ])('leaves %j as it is', (text) => {
    expect(filter.isAbusive(text)).toBe(false);
    expect(filter.clean(text)).toBe(text);
  });
});
