import { z } from 'zod';
import type { RecognizedWord } from '../../../../core/ports/speech-recognizer.js';

/**
 * The `verbose_json` answers of OpenAI-compatible `/v1/audio/transcriptions` servers. One schema
 * covers the shapes in the wild:
 * - OpenAI: top-level `words` ({word, start, end}, no probability) when
 *   `timestamp_granularities[]=word`; `segments` with `avg_logprob`, `no_speech_prob`.
 * - faster-whisper servers (speaches, faster-whisper-server): top-level `words` with `probability`.
 * - whisper.cpp's server: no top-level `words`; each segment's `words` are TOKENS (" Hel", "lo",
 *   ",") with `probability` and `t_dtw`; failures come back as HTTP 200 `{"error": "..."}`.
 * - Servers that ignore the word granularity: segments with text and times only.
 * Times are seconds from the start of the uploaded audio.
 */
const Word = z.object({
  word: z.string(),
  start: z.number(),
  end: z.number(),
  probability: z.number().nullish(),
});
const Segment = z.object({
  start: z.number().nullish(),
  end: z.number().nullish(),
  text: z.string().default(''),
  avg_logprob: z.number().nullish(),
  no_speech_prob: z.number().nullish(),
  words: z.array(Word).nullish(),
});
export const VerboseTranscription = z.object({
  text: z.string().default(''),
  language: z.string().nullish(),
  duration: z.number().nullish(),
  words: z.array(Word).nullish(),
  segments: z.array(Segment).nullish(),
});
export type VerboseTranscription = z.infer<typeof VerboseTranscription>;

/** whisper.cpp's error answer (sent with status 200). */
export const ServerErrorBody = z.object({ error: z.union([z.string(), z.object({ message: z.string() })]) });

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** Punctuation around a word goes; inner apostrophes, hyphens and dots stay ("don't", "e-mail", "3.5"). */
const clean = (text: string) => text.trim().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
/** Whisper's special tokens ("[_BEG_]", "[_TT_150]", "<|endoftext|>"). */
const isSpecial = (text: string) => /^\s*(\[_[A-Z0-9_]+\]|<\|[^|]*\|>)\s*$/.test(text);

type Seg = z.infer<typeof Segment>;
const segmentConfidence = (s: Seg | undefined): number | null =>
  s?.avg_logprob === undefined || s?.avg_logprob === null ? null : clamp01(Math.exp(s.avg_logprob));

/** whisper.cpp tokens → words: a token starting with a space opens a word, others continue it. */
const joinTokens = (tokens: readonly z.infer<typeof Word>[]): z.infer<typeof Word>[] => {
  const words: z.infer<typeof Word>[] = [];
  for (const t of tokens) {
    // Special and punctuation-only tokens carry neither a word nor its confidence.
    if (isSpecial(t.word) || clean(t.word) === '') continue;
    const last = words.at(-1);
    if (last && !/^\s/.test(t.word) && t.word.length > 0) {
      last.word += t.word;
      last.end = Math.max(last.end, t.end);
      if (t.probability !== undefined && t.probability !== null) {
        last.probability = Math.min(last.probability ?? 1, t.probability);
      }
    } else {
      words.push({ ...t });
    }
  }
  return words;
};

/** A segment without word times: its words spread over its span by length. */
const spread = (s: Seg): z.infer<typeof Word>[] => {
  const texts = s.text.split(/\s+/).filter((w) => clean(w).length > 0);
  const start = s.start ?? 0;
  const end = Math.max(start, s.end ?? start);
  const chars = texts.reduce((n, w) => n + w.length + 1, 0);
  let at = start;
  return texts.map((w) => {
    const span = ((end - start) * (w.length + 1)) / chars;
    const word = { word: w, start: at, end: at + span };
    at += span;
    return word;
  });
};

/**
 * Words with absolute times (ms, offset by the segment's start in the recording) and a 0..1
 * confidence: the word's own probability, else its segment's exp(avg_logprob), else 0.5.
 */
export const recognizedWords = (response: VerboseTranscription, offsetMs: number): RecognizedWord[] => {
  const segments = response.segments ?? [];
  const within = (t: number) =>
    segments.find((s) => (s.start ?? 0) <= t && t <= (s.end ?? Number.POSITIVE_INFINITY));
  let raw: { word: z.infer<typeof Word>; segment: Seg | undefined }[];
  if (response.words && response.words.length > 0) {
    raw = response.words.map((w) => ({ word: w, segment: within((w.start + w.end) / 2) }));
  } else {
    raw = segments.flatMap((s) =>
      (s.words && s.words.length > 0 ? joinTokens(s.words) : spread(s)).map((w) => ({ word: w, segment: s })),
    );
  }
  const out: RecognizedWord[] = [];
  for (const { word, segment } of raw) {
    const text = clean(word.word);
    if (!text || isSpecial(word.word)) continue;
    const begin = offsetMs + Math.round(Math.max(0, word.start) * 1000);
    const confidence = word.probability ?? segmentConfidence(segment) ?? 0.5;
    out.push({
      text,
      beginMs: begin,
      endMs: Math.max(begin + 10, offsetMs + Math.round(word.end * 1000)),
      confidence: clamp01(confidence),
    });
  }
  return out.sort((a, b) => a.beginMs - b.beginMs);
};
