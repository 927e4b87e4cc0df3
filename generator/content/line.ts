import type { Sentiment } from '../truth.js';

/**
 * One scripted utterance. `text` is a template: `{slot}` is filled per call (names, numbers,
 * PII spoken the caller's way). Only letters, digits, apostrophes, hyphens, spaces and . , ? !
 * may appear, because the transcript is rebuilt from word and punctuation items.
 */
export interface Line {
  who: 'agent' | 'customer';
  text: string;
  sentiment: Sentiment;
}

export type Exchange = readonly Line[];

export const agent = (text: string, sentiment: Sentiment = 'NEUTRAL'): Line => ({
  who: 'agent',
  text,
  sentiment,
});
export const customer = (text: string, sentiment: Sentiment = 'NEUTRAL'): Line => ({
  who: 'customer',
  text,
  sentiment,
});
