import { describe, expect, it } from 'vitest';
import {
  addDetections,
  matchEvents,
  matchSpans,
  precisionRecall,
  type ScriptedSpeech,
  scriptedInterruptions,
  scriptedTalk,
  talkTimeError,
} from '../../scripts/asr/speech-scoring.js';

const span = (beginMs: number, endMs: number) => ({ beginMs, endMs });
const say = (channel: 'AGENT' | 'CUSTOMER', beginMs: number, endMs: number): ScriptedSpeech => ({
  channel,
  beginMs,
  endMs,
});

describe('speech engine scoring', () => {
  it('talk time: scripted spans per channel, merged, and the signed error', () => {
    const speech = [say('AGENT', 0, 2000), say('AGENT', 1500, 3000), say('CUSTOMER', 2500, 4000)];
    expect(scriptedTalk(speech, 'AGENT')).toEqual([span(0, 3000)]);
    expect(scriptedTalk(speech, 'CUSTOMER')).toEqual([span(2500, 4000)]);
    expect(talkTimeError(3300, 3000)).toEqual({ errorMs: 300, errorShare: 0.1 });
    expect(talkTimeError(2400, 3000)).toEqual({ errorMs: -600, errorShare: -0.2 });
    expect(talkTimeError(500, 0)).toEqual({ errorMs: 500, errorShare: null });
  });

  it('scripted interruptions: a start strictly inside the other party’s utterance', () => {
    const speech = [
      say('AGENT', 0, 4000),
      say('CUSTOMER', 3000, 5000), // inside the agent's turn: an interruption
      say('AGENT', 5000, 6000), // starts as the customer ends: not one
      say('CUSTOMER', 8000, 9000),
      say('AGENT', 8500, 8700), // a back-channel inside the customer's turn: the agent interrupts
    ];
    expect(scriptedInterruptions(speech)).toEqual([
      { interrupter: 'CUSTOMER', beginMs: 3000 },
      { interrupter: 'AGENT', beginMs: 8500 },
    ]);
  });

  it('non-talk: one-to-one pairs by intersection over union', () => {
    const truth = [span(0, 4000), span(10_000, 14_000), span(20_000, 23_000)];
    const found = [
      span(500, 4000), // IoU 0.875 with the first
      span(10_000, 11_000), // IoU 0.25: too little of the second
      span(19_000, 24_000), // IoU 0.6 with the third
      span(30_000, 34_000), // nothing there
    ];
    const counts = matchSpans(truth, found);
    expect(counts).toEqual({ truth: 3, found: 4, matched: 2 });
    expect(precisionRecall(counts)).toEqual({ precision: 0.5, recall: 2 / 3 });
    // One found span over two truth spans pairs with one at most.
    expect(matchSpans([span(0, 4000), span(4500, 8000)], [span(0, 8000)])).toEqual({
      truth: 2,
      found: 1,
      matched: 1,
    });
    expect(matchSpans([span(0, 4000), span(4500, 8000)], [span(0, 8000)], 0.4).matched).toBe(1);
    expect(matchSpans([span(0, 4000), span(4500, 8000)], [span(0, 8000)], 0.6).matched).toBe(0);
  });

  it('interruptions: the same interrupter within the tolerance, closest first, each used once', () => {
    const truth = [
      { interrupter: 'CUSTOMER' as const, beginMs: 10_000 },
      { interrupter: 'CUSTOMER' as const, beginMs: 11_500 },
      { interrupter: 'AGENT' as const, beginMs: 30_000 },
    ];
    const found = [
      { interrupter: 'CUSTOMER' as const, beginMs: 11_000 }, // 1000 from the first, 500 from the second
      { interrupter: 'CUSTOMER' as const, beginMs: 9_200 }, // 800 from the first
      { interrupter: 'CUSTOMER' as const, beginMs: 30_000 }, // right time, wrong party
    ];
    expect(matchEvents(truth, found)).toEqual({ truth: 3, found: 3, matched: 2 });
    expect(matchEvents(truth, found, 500)).toEqual({ truth: 3, found: 3, matched: 1 });
    // One found interruption between two truth ones pairs with one of them only.
    expect(matchEvents(truth.slice(0, 2), [{ interrupter: 'CUSTOMER', beginMs: 10_700 }])).toEqual({
      truth: 2,
      found: 1,
      matched: 1,
    });
  });

  it('precision and recall over summed counts; nothing to divide by is null, not 100%', () => {
    const total = addDetections({ truth: 2, found: 1, matched: 1 }, { truth: 0, found: 3, matched: 0 });
    expect(total).toEqual({ truth: 2, found: 4, matched: 1 });
    expect(precisionRecall(total)).toEqual({ precision: 0.25, recall: 0.5 });
    expect(precisionRecall({ truth: 0, found: 0, matched: 0 })).toEqual({ precision: null, recall: null });
  });
});
