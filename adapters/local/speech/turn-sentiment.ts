import sentiment from 'wink-sentiment';
import type { SentimentScorer } from '../../../core/speech/call-analytics-output.js';

/**
 * Sentiment of a turn on Transcribe's scale, from wink-sentiment (AFINN with negation
 * handling) plus the contact-center words a general lexicon misses. A turn with both clearly
 * positive and clearly negative words and no clear balance is MIXED, as Transcribe labels it.
 */
const CALL_CENTER_WORDS: Record<string, number> = {
  cancel: -1,
  cancelled: -1,
  outage: -2,
  overcharged: -3,
  charged: -1,
  twice: -1,
  transferred: -1,
  waiting: -1,
  never: -1,
  still: -1,
  again: -1,
  fraud: -2,
  unauthorized: -2,
  declined: -2,
  late: -1,
  fee: -1,
  resolved: 2,
  appreciate: 2,
  perfect: 2,
};

export const LOCAL_SENTIMENT_ENGINE = { engine: 'wink-sentiment', version: '5.0.2' } as const;

/**
 * "No" as the answer to "anything else?" at the close of a call ("No, thanks, that's all",
 * "no thank you", "No."): AFINN scores "no" itself -1 and wink-sentiment negates the words after
 * it, so every polite ending read NEGATIVE (and matched the negative-ending category). A turn that
 * opens with that answer and goes on with a closing (or says nothing else) is scored without it.
 */
const ANSWER_NO =
  /^(?:(?:um+|uh+|er+|well)[\s,.!]+)*(?:no|nope|nah)\b(?:[\s,.!]+(?:no|nope|nah)\b)*[\s,.!]*/i;
const CLOSING =
  /^(?:[\s,.!]*(?:thanks?|thank you|that['’]?s (?:all|it|everything|fine)|that is (?:all|it|everything|fine)|that(?:['’]ll| will) be (?:all|it)|(?:good)?bye|i['’]?m (?:good|fine|all set)|i am (?:good|fine|all set)|all set|nothing else|(?:very|so) much|(?:for|you) (?:your|the) help|have a (?:good|nice|great) (?:day|one|evening))\b)+[\s,.!]*$/i;

const withoutAnswerNo = (text: string): string => {
  const answer = ANSWER_NO.exec(text.trim());
  if (!answer || answer[0].length === 0) return text;
  const rest = text.trim().slice(answer[0].length);
  return rest === '' || CLOSING.test(rest) ? rest : text;
};

export const scoreTurnSentiment: SentimentScorer = (turnText) => {
  const text = withoutAnswerNo(turnText);
  if (text.trim() === '') return { label: 'NEUTRAL', score: 0 };
  const result = sentiment(text);
  let extra = 0;
  let words = 0;
  let positive = 0;
  let negative = 0;
  for (const token of result.tokenizedPhrase) {
    if (token.tag !== 'word') continue;
    words++;
    const own = token.score ?? 0;
    const added = CALL_CENTER_WORDS[token.value.toLowerCase()] ?? 0;
    const value = (token.negation ? -1 : 1) * (own === 0 ? added : own);
    if (own === 0) extra += value;
    if (value > 0) positive += value;
    if (value < 0) negative -= value;
  }
  const score = Math.max(
    -5,
    Math.min(5, result.normalizedScore + (words > 0 ? extra / Math.max(1, words / 5) : 0)),
  );
  const label =
    positive >= 2 && negative >= 2 && Math.abs(score) < 1
      ? 'MIXED'
      : score >= 1
        ? 'POSITIVE'
        : score <= -1
          ? 'NEGATIVE'
          : 'NEUTRAL';
  return { label, score: Math.round(score * 100) / 100 };
};
