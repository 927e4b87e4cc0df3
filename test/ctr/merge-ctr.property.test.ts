import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCtr } from '../../core/ctr/merge.js';
import type { CallDocument, Turn } from '../../schemas/call-document.js';
import { RecordingMetadata } from '../../schemas/genesys-conversation.js';
import { callDocument, simpleCtr, tcaTurn } from './call-builder.js';
import { type GeneratedCall, generatedCall } from './timeline-arbitrary.js';

const RUNS = 150;

const build = (g: GeneratedCall) => {
  const doc = callDocument([
    ...g.agentTurns.map((phrases) => tcaTurn('AGENT', ...phrases)),
    ...g.customerTurns.map((phrases) => tcaTurn('CUSTOMER', ...phrases)),
  ]);
  const recording = g.withRecording
    ? RecordingMetadata.parse({
        startTime: new Date(g.ctr.startMs + g.skewMs).toISOString().replace('Z', '+0000'),
      })
    : null;
  return { doc, input: { ctr: simpleCtr(g.ctr), recording } };
};

const channelTurns = (doc: CallDocument, channel: Turn['channel']) =>
  doc.turns.filter((t) => t.channel === channel);
const speechMs = (turns: readonly Turn[]) => turns.reduce((sum, t) => sum + t.endMs - t.beginMs, 0);
const wordsOf = (turns: readonly Turn[]) => turns.flatMap((t) => t.words);

describe('mergeCtr over generated timelines', () => {
  it('conserves speech time and every word, per channel', () => {
    fc.assert(
      fc.property(generatedCall, (g) => {
        // Prepare
        const { doc, input } = build(g);

        // Act
        const merged = mergeCtr(doc, input, { aniHashKey: 'k' });

        // Assess
        for (const channel of ['AGENT', 'CUSTOMER'] as const) {
          expect(speechMs(channelTurns(merged, channel))).toBe(speechMs(channelTurns(doc, channel)));
          expect(wordsOf(channelTurns(merged, channel))).toEqual(wordsOf(channelTurns(doc, channel)));
        }
        expect(merged.turns.length).toBeGreaterThanOrEqual(doc.turns.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves no turn overlapping itself: words inside their turn, pieces in order and disjoint', () => {
    fc.assert(
      fc.property(generatedCall, (g) => {
        // Prepare
        const { doc, input } = build(g);

        // Act
        const merged = mergeCtr(doc, input, { aniHashKey: 'k' });

        // Assess
        expect(merged.turns.map((t) => t.index)).toEqual(merged.turns.map((_, i) => i));
        merged.turns.forEach((t, i) => {
          expect(t.endMs).toBeGreaterThanOrEqual(t.beginMs);
          if (i > 0) expect(t.beginMs).toBeGreaterThanOrEqual(merged.turns[i - 1]!.beginMs);
          for (const w of t.words) {
            expect(w.beginMs).toBeGreaterThanOrEqual(t.beginMs);
            expect(w.endMs).toBeLessThanOrEqual(t.endMs);
          }
        });
        for (const channel of ['AGENT', 'CUSTOMER'] as const) {
          const turns = channelTurns(merged, channel);
          for (let i = 1; i < turns.length; i++)
            expect(turns[i]!.beginMs).toBeGreaterThanOrEqual(turns[i - 1]!.endMs);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(generatedCall, (g) => {
        // Prepare
        const { doc, input } = build(g);
        const before = structuredClone({ doc, input });

        // Act
        const first = mergeCtr(doc, input, { aniHashKey: 'k' });
        const second = mergeCtr(structuredClone(doc), structuredClone(input), { aniHashKey: 'k' });

        // Assess
        expect(second).toEqual(first);
        expect({ doc, input }).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('tags only the agent channel, with agents of the record, and measures a consistent journey', () => {
    fc.assert(
      fc.property(generatedCall, (g) => {
        // Prepare
        const { doc, input } = build(g);

        // Act
        const merged = mergeCtr(doc, input, { aniHashKey: 'k' });

        // Assess
        const j = merged.journey!;
        expect(j.ctrStatus).toBe('matched');
        for (const t of merged.turns) {
          if (t.channel === 'CUSTOMER') expect(t.role).toBe('CUSTOMER');
          else expect(['IVR', 'AGENT']).toContain(t.role);
          if (t.agentId !== null) expect(j.agentIds).toContain(t.agentId);
        }
        expect(j.agentIds).toEqual(g.ctr.agents.map((a) => a.userId));
        expect(j.transfers).toBe(g.ctr.agents.length - 1);
        expect(j.handleMs).toBe(j.agents.reduce((s, a) => s + a.talkMs + a.holdMs + a.acwMs, 0));
        expect(merged.metrics.agentTalkMs).toBe(speechMs(merged.turns.filter((t) => t.role === 'AGENT')));
      }),
      { numRuns: RUNS },
    );
  });
});
