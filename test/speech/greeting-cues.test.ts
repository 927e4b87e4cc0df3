import { describe, expect, it } from 'vitest';
import { agentSpeaker, openingCue } from '../../core/speech/diarization.js';

describe("an agent's greeting, not a caller's thanks (found by the Genesys trial: a customer's callback thanks set off the wrong-channel warning)", () => {
  it.each([
    'Oh thanks for calling back',
    'Thank you for calling me back so quickly.',
    'thanks for calling us back, we were worried',
    'Hi, thank you for calling back about my card',
  ])('%j is no opening cue', (text) => {
    expect(openingCue(text)).toBeNull();
  });

  it.each([
    ['Thank you for calling Acme Bank, this is Dana.', 'thank(s| you) for calling'],
    ['Thanks for calling, how can I help?', 'thank(s| you) for calling'],
    ['Oh thanks for calling back. Thank you for calling Acme, how may I help?', 'thank(s| you) for calling'],
    ["You've reached Acme Bank", "you'?ve reached"],
    ['Thanks for calling us today, what can I do for you?', 'thank(s| you) for calling'],
    ['Thank you for calling us at Acme Bank.', 'thank(s| you) for calling'],
  ])('%j still is one', (text, cue) => {
    expect(openingCue(text)).toBe(cue);
  });

  it("a mono call's agent is whoever greets, not the caller who thanks them for calling back first", () => {
    // Prepare: speaker 1 (the customer) speaks first with callback thanks; speaker 0 greets
    const labels = [1, 0];
    const texts = ['Oh thanks for calling back', 'Thank you for calling Acme Bank, how can I help?'];
    // Act
    const agent = agentSpeaker(labels, texts);
    // Assess
    expect(agent).toEqual({ speaker: 0, evidence: 'greeting cue "thank you for calling"' });
  });

  it("an agent's 'thanks for calling us today' is a greeting: the caller who then gives their name is not taken for the agent", () => {
    const agent = agentSpeaker(
      [0, 1, 1],
      [
        'Thanks for calling us today, what can I do for you?',
        'Hi, my name is John Smith and I have a question.',
        'It is about my card.',
      ],
    );
    expect(agent?.speaker).toBe(0);
  });
});
