import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWavBytes } from '../../adapters/local/speech/wav-file.js';
import { InvalidAudioError } from '../../core/audio/audio-errors.js';
import { channelSimilarity } from '../../core/audio/channel-similarity.js';
import { InvalidInputError } from '../../core/errors.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { loadCall } from '../../core/steps/load-call.js';
import { repeatedChannels } from '../../core/transcribe/repeated-channels.js';
import { renderCallAudio } from '../../generator/audio/render-call-audio.js';
import { type GeneratedCall, generateCall } from '../../generator/index.js';
import type { TranscriptTurn } from '../../schemas/transcribe-call-analytics.js';
import { MemoryObjectStore } from '../helpers/memory-store.js';

/**
 * A stereo recording whose two channels carry the same audio (a mono recording saved as two
 * channels, stereo Opus below ~24 kbit/s) has no channel separation. The embedded engine hears
 * it as mono (see test/workflow/recordings.test.ts); a Call Analytics transcript made from one
 * (every word on both roles at the same moment) is quarantined by LoadCall, saying what to do.
 */
describe('the same audio on both channels', () => {
  let call: GeneratedCall;
  let stereo: Int16Array[];
  let mono: Int16Array;
  let turns: TranscriptTurn[];

  beforeAll(async () => {
    call = generateCall({
      seed: 5,
      callId: 'same-1',
      turns: 12,
      topic: 'billing',
      agents: 1,
      hold: false,
      toxic: false,
      ctr: 'present',
      direction: 'inbound',
    });
    stereo = decodeWavBytes((await renderCallAudio(call.truth)).wav).channels;
    mono = decodeWavBytes((await renderCallAudio(call.truth, { channels: 1 })).wav).channels[0]!;
    const tca = call.files.find((f) => f.name.endsWith('.tca.json'))!;
    turns = JSON.parse(tca.content).Transcript;
  });

  describe('channelSimilarity (samples)', () => {
    it('a copy, a copy at another gain and a lossy copy are the same audio', () => {
      expect(channelSimilarity(mono, mono)).toEqual({ correlation: expect.closeTo(1, 6), same: true });
      const quieter = Int16Array.from(mono, (x) => Math.round(x * 0.4));
      expect(channelSimilarity(mono, quieter).same).toBe(true);
      // A codec's small errors: ±2% of full scale of noise on every sample.
      let seed = 7;
      const noisy = Int16Array.from(mono, (x) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return Math.max(-32768, Math.min(32767, x + ((seed % 1300) - 650)));
      });
      expect(channelSimilarity(mono, noisy).same).toBe(true);
    });

    it('two parties on their own channels (with crosstalk and line noise) are not', () => {
      const s = channelSimilarity(stereo[0]!, stereo[1]!);
      expect(s.same).toBe(false);
      expect(Math.abs(s.correlation)).toBeLessThan(0.5);
    });

    it('a silent channel is never the same as the other', () => {
      expect(channelSimilarity(mono, new Int16Array(mono.length))).toEqual({ correlation: 0, same: false });
      expect(channelSimilarity(new Int16Array(10), new Int16Array(10)).same).toBe(false);
    });
  });

  describe('repeatedChannels (a Call Analytics transcript)', () => {
    it('finds every word of both roles repeated when each turn is on both channels', () => {
      expect(repeatedChannels(turnsBothWays(turns))).toEqual({ agentShare: 1, customerShare: 1 });
    });

    it('leaves a two-party transcript alone', () => {
      expect(repeatedChannels(turns)).toBeNull();
    });

    it('leaves echo alone: the agent heard on the customer channel makes one side repeat, not both', () => {
      const echo = turns.flatMap((t) =>
        t.ParticipantRole === 'AGENT' ? [t, { ...t, ParticipantRole: 'CUSTOMER' as const }] : [t],
      );
      expect(repeatedChannels(echo)).toBeNull();
    });

    it('says nothing about a call too short to tell (under 20 words a side)', () => {
      const short: TranscriptTurn[] = [
        {
          ParticipantRole: 'AGENT',
          Content: 'Hello, how can I help?',
          BeginOffsetMillis: 0,
          EndOffsetMillis: 900,
          Items: [],
        },
      ];
      expect(repeatedChannels(turnsBothWays(short))).toBeNull();
    });
  });

  describe('LoadCall', () => {
    const deps = (store: MemoryObjectStore) =>
      ({
        store,
        now: () => '2026-03-03T10:00:00.000Z',
        prefixes: { work: 'work', results: 'results', quarantine: 'quarantine' },
      }) as unknown as StepDeps;
    const tcaWith = (ts: readonly TranscriptTurn[]) => {
      const tca = JSON.parse(call.files.find((f) => f.name.endsWith('.tca.json'))!.content);
      return JSON.stringify({ ...tca, Transcript: ts });
    };

    it('quarantines a transcript Transcribe made from such a recording, saying how to convert it', async () => {
      const store = new MemoryObjectStore();
      await store.put('inbox/same-1.wav', new Uint8Array(8));
      await store.put('transcripts/same-1/same-1-0123456789abcdef.tca.json', tcaWith(turnsBothWays(turns)));
      const run = loadCall(
        {
          callId: 'same-1',
          keys: {
            transcript: 'transcripts/same-1/same-1-0123456789abcdef.tca.json',
            audio: 'inbox/same-1.wav',
            ctr: null,
            recording: null,
          },
          lookupSidecars: false,
        },
        deps(store),
      );
      await expect(run).rejects.toBeInstanceOf(InvalidAudioError);
      await expect(run).rejects.toThrow(
        /^same-1\.wav carries the same audio on both channels \(100% of the agent's words and 100% of the customer's .*convert it to mono \(`sox same-1\.wav mono\.wav remix 1`/,
      );
    });

    it('quarantines a dropped transcript whose roles repeat each other', async () => {
      const store = new MemoryObjectStore();
      await store.put('inbox/same-1.tca.json', tcaWith(turnsBothWays(turns)));
      const run = loadCall(
        {
          callId: 'same-1',
          keys: { transcript: 'inbox/same-1.tca.json', audio: null, ctr: null, recording: null },
          lookupSidecars: false,
        },
        deps(store),
      );
      await expect(run).rejects.toBeInstanceOf(InvalidInputError);
      await expect(run).rejects.toThrow(/its AGENT and CUSTOMER turns repeat each other/);
    });

    it('loads the same transcript with its roles apart', async () => {
      const store = new MemoryObjectStore();
      await store.put('inbox/same-1.tca.json', tcaWith(turns));
      const state = await loadCall(
        {
          callId: 'same-1',
          keys: { transcript: 'inbox/same-1.tca.json', audio: null, ctr: null, recording: null },
          lookupSidecars: false,
        },
        deps(store),
      );
      expect(state.documentKey).toMatch(/^work\//);
    });
  });
});

function turnsBothWays(ts: readonly TranscriptTurn[]): TranscriptTurn[] {
  return ts.flatMap((t) => [
    t,
    { ...t, ParticipantRole: t.ParticipantRole === 'AGENT' ? 'CUSTOMER' : 'AGENT' },
  ]);
}
