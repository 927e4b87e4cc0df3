import { describe, expect, it } from 'vitest';
import { createLocalToxicityDetector } from '../../adapters/local/toxicity/lexicon-toxicity-detector.js';
import { detectToxicity } from '../../core/enrich/toxicity.js';
import { EngineError } from '../../core/errors.js';
import type { ToxicityDetector, ToxicityRequest } from '../../core/ports/toxicity-detector.js';
import { callWithTurns } from './call-fixture.js';

/** Scores a segment by how many "bad" words it holds; records every request it gets. */
const countingDetector = () => {
  const requests: ToxicityRequest[] = [];
  const detector: ToxicityDetector = {
    detect: async (request) => {
      requests.push(request);
      return {
        ResultList: request.TextSegments.map(({ Text }) => {
          const bad = Text.split(' ').filter((w) => w === 'bad').length;
          const worse = Text.split(' ').filter((w) => w === 'worse').length;
          return {
            Toxicity: Math.min(1, (bad + worse) / 10),
            Labels: [
              { Name: 'INSULT', Score: bad / 10 },
              { Name: 'PROFANITY', Score: worse / 10 },
            ],
          };
        }),
      };
    },
    lineage: () => ({ engine: 'counting', version: '1', model: null, promptHash: null, note: null }),
  };
  return { detector, requests };
};

describe('detectToxicity', () => {
  it('reports the per-call figures: worst score, toxic turns, first toxic time and who', async () => {
    // Prepare: turns 5 s apart; the agent is toxic at 10 s, the customer at 20 s
    const doc = callWithTurns([
      ['CUSTOMER', 'fine'],
      ['AGENT', 'fine'],
      ['AGENT', 'bad bad bad bad bad'],
      ['IVR', 'bad bad bad bad bad bad'],
      ['CUSTOMER', 'bad bad bad bad bad bad worse worse'],
    ]);
    const { detector } = countingDetector();
    // Act
    const result = await detectToxicity(doc, detector, 0.5);
    // Assess: IVR prompts are never scored
    expect(result).toMatchObject({ max: 0.8, toxicTurns: 2, firstToxicMs: 10_000, toxicBy: 'BOTH' });
    expect(result.turns.find((t) => t.index === 4)).toEqual({
      index: 4,
      toxicity: 0.8,
      label: 'INSULT',
      labels: ['INSULT'],
    });
    const clean = await detectToxicity(callWithTurns([['CUSTOMER', 'fine']]), detector, 0.5);
    expect(clean).toMatchObject({ toxicTurns: 0, firstToxicMs: null, toxicBy: null });
  });

  it("scores a turn by its worst piece and labels it with that piece's top label", async () => {
    // Prepare: a turn of ~1,400 bytes whose second piece holds the bad words
    const filler = Array.from({ length: 200 }, () => 'fine').join(' ');
    const doc = callWithTurns([
      ['CUSTOMER', `${filler} bad bad bad worse`],
      ['AGENT', 'worse'],
    ]);
    const { detector, requests } = countingDetector();
    // Act
    const result = await detectToxicity(doc, detector, 0.3);
    // Assess
    expect(requests).toHaveLength(1);
    expect(requests[0]!.TextSegments).toHaveLength(3);
    expect(result.turns).toEqual([
      { index: 0, toxicity: 0.4, label: 'INSULT', labels: ['INSULT'] },
      { index: 1, toxicity: 0.1, label: null, labels: [] },
    ]);
    expect(result.max).toBe(0.4);
    expect(result.toxicTurns).toBe(1);
    expect(result.lineage.engine).toBe('counting');
  });

  it('sends a long call in call order, batch after batch', async () => {
    // Prepare
    const doc = callWithTurns(Array.from({ length: 25 }, (_, i) => ['CUSTOMER', `turn ${i}`] as const));
    const { detector, requests } = countingDetector();
    // Act
    await detectToxicity(doc, detector, 0.5);
    // Assess
    expect(requests.map((r) => r.TextSegments.length)).toEqual([10, 10, 5]);
    expect(requests.flatMap((r) => r.TextSegments.map((s) => s.Text))).toEqual(doc.turns.map((t) => t.text));
  });

  it('fails with EngineError when the detector answers a different number of results', async () => {
    const doc = callWithTurns([['CUSTOMER', 'hello there']]);
    const short: ToxicityDetector = {
      detect: async () => ({ ResultList: [] }),
      lineage: () => ({ engine: 'short', version: '1', model: null, promptHash: null, note: null }),
    };
    await expect(detectToxicity(doc, short, 0.5)).rejects.toBeInstanceOf(EngineError);
  });

  it('with the local engine, flags the abusive customer turn and nothing else', async () => {
    // Prepare
    const doc = callWithTurns([
      ['IVR', 'Please hold, your call is important to us.'],
      ['AGENT', 'Thanks for calling, how can I help?'],
      ['CUSTOMER', 'This is the third time I call, you are a useless idiot.'],
      ['AGENT', "I'm sorry. Let me kill the session and I'll shoot you an email with the steps."],
    ]);
    // Act
    const result = await detectToxicity(doc, createLocalToxicityDetector(), 0.5);
    // Assess
    expect(result.turns.map((t) => t.index)).toEqual([1, 2, 3]);
    expect(result.turns.filter((t) => t.toxicity >= 0.5)).toEqual([
      { index: 2, toxicity: expect.any(Number), label: 'INSULT', labels: ['INSULT'] },
    ]);
    expect(result.toxicTurns).toBe(1);
    expect(result.max).toBe(result.turns[1]!.toxicity);
  });

  it('reports no maximum for a call without customer or agent speech', async () => {
    const doc = callWithTurns([['IVR', 'Goodbye.']]);
    const { detector, requests } = countingDetector();
    const result = await detectToxicity(doc, detector, 0.5);
    expect(result).toMatchObject({ turns: [], max: null, toxicTurns: 0 });
    expect(requests).toEqual([]);
  });
});
