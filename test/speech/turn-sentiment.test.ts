import { describe, expect, it } from 'vitest';
import { scoreTurnSentiment } from '../../adapters/local/speech/turn-sentiment.js';

describe('local turn sentiment (wink-sentiment + call-center words)', () => {
  it('reads "no" answering "anything else?" at the close of a call as no complaint', () => {
    // Prepare: the customer's last turn of an ordinary call, as pocketsphinx and Transcribe write it
    const closings = [
      'no that is all goodbye',
      'No, thanks, that is all.',
      'no thank you',
      'no thanks that is everything',
      "No, that's it. Have a good day.",
      'um no that will be all thank you',
      'nope thats it thanks',
      'No.',
    ];
    // Act
    const labels = closings.map((t) => scoreTurnSentiment(t).label);
    // Assess: before, every one of these was NEGATIVE ("no" scores -1 and negates "thanks")
    expect(labels).toEqual([
      'NEUTRAL',
      'POSITIVE',
      'POSITIVE',
      'POSITIVE',
      'POSITIVE',
      'POSITIVE',
      'POSITIVE',
      'NEUTRAL',
    ]);
  });

  it('still reads a "no" that goes on with a complaint, and "oh no", as negative', () => {
    // Act
    const labels = [
      'no that is not good',
      'no the charge is still there',
      "no i don't want it",
      'oh no that is all',
      'this is ridiculous you people are idiots',
    ].map((t) => scoreTurnSentiment(t).label);
    // Assess
    expect(labels).toEqual(['NEGATIVE', 'NEGATIVE', 'NEGATIVE', 'NEGATIVE', 'NEGATIVE']);
  });
});
