import { channelSimilarity } from '../../../core/audio/channel-similarity.js';
import { categoriesBlock, evaluateCategories } from '../../../core/categories/evaluate-categories.js';
import type {
  RecognizedWord,
  SpeechRecognizer,
  SpeechSegment,
} from '../../../core/ports/speech-recognizer.js';
import {
  buildCallAnalyticsOutput,
  type ChannelResult,
  type EngineStamp,
  type TranscriptWord,
  wordsToTurns,
} from '../../../core/speech/call-analytics-output.js';
import { conversationMetrics, type Role } from '../../../core/speech/conversation-metrics.js';
import { agentSpeaker, diarizeTwoSpeakers, openingCue } from '../../../core/speech/diarization.js';
import { musicFrames } from '../../../core/speech/music-detector.js';
import { recognitionSpans } from '../../../core/speech/recognition-segments.js';
import { silenceSpan } from '../../../core/speech/silence-span.js';
import { DEFAULT_VAD, detectVoiceActivity, type Span, union } from '../../../core/speech/voice-activity.js';
import {
  numbersAcrossTurns,
  type RedactionTurn,
  type WordRedactor,
} from '../../../core/speech/word-redactor.js';
import type { CallCategory } from '../../../schemas/categories.js';
import { TranscribeCallAnalyticsOutput } from '../../../schemas/transcribe-call-analytics.js';
import { scoreTurnSentiment } from './turn-sentiment.js';
import type { DecodedAudio } from './wav-file.js';

/**
 * The embedded speech engine: a recording in, the document Transcribe Call Analytics writes
 * out. Voice activity (with music rejection and the cross-channel dominance gate) decides who
 * speaks when and drives every timing metric; the recogniser only decodes the voiced spans;
 * PII is redacted from the words and silenced in a redacted copy of the audio.
 */

/**
 * The transcript's lineage note: the recogniser's own note (pocketsphinx states its measured error
 * rates, an OpenAI-compatible server that its model decides), then how roles were told apart. The
 * generic warning only when the recogniser says nothing: it said "demo quality" twice beside
 * pocketsphinx's note, and called a Whisper server's transcript demo quality.
 */
export const transcriptNote = (
  recogniserNote: string | null | undefined,
  roleNote: string | null | undefined,
): string =>
  [
    recogniserNote || 'local recogniser: demo-quality transcript, see README for measured error rates',
    roleNote,
  ]
    .filter(Boolean)
    .join('; ');

/** How far into a stereo call its opening greeting is looked for (ms). */
const OPENING_MS = 30_000;

export interface EmbeddedEngineOptions {
  recognizer: SpeechRecognizer;
  redactor: WordRedactor | null;
  categories: readonly CallCategory[];
  /** Which channel of a stereo recording is the agent (0 or 1). */
  agentChannel: 0 | 1;
  languageCode: string;
  version: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface EngineResult {
  output: TranscribeCallAnalyticsOutput;
  /** The recording with every redacted word's time span silenced (null when nothing was redacted). */
  redactedAudio: Int16Array[] | null;
  stats: { speechMs: Record<Role, number>; segments: number; words: number; redactions: number };
}

/** Mono recordings are diarized in windows of this length (one speaker per window). */
const DIARIZATION_WINDOW_MS = 1500;

const sliceSamples = (samples: Int16Array, rate: number, span: Span): Int16Array =>
  samples.subarray(
    Math.floor((span.beginMs / 1000) * rate),
    Math.min(samples.length, Math.ceil((span.endMs / 1000) * rate)),
  );

const windows = (spans: readonly Span[], size: number): Span[] =>
  spans.flatMap((s) => {
    const out: Span[] = [];
    for (let b = s.beginMs; b < s.endMs; b += size)
      out.push({ beginMs: b, endMs: Math.min(s.endMs, b + size) });
    const last = out.at(-1);
    // A short tail joins the window before it.
    if (out.length > 1 && last && last.endMs - last.beginMs < size / 3) {
      out.pop();
      out[out.length - 1]!.endMs = last.endMs;
    }
    return out;
  });

const toTranscriptWords = (words: readonly RecognizedWord[]): TranscriptWord[] =>
  words.map((w) => ({ ...w, redaction: null }));

export const runEmbeddedEngine = async (
  audio: DecodedAudio,
  jobName: string,
  options: EmbeddedEngineOptions,
): Promise<EngineResult> => {
  const { sampleRate: rate } = audio;
  const durationMs = audio.header.durationMs;
  const progress = options.onProgress ?? (() => undefined);
  // A stereo file whose two channels carry the same audio has no channel separation: it is
  // heard as the mono recording it is (one channel, speakers found by voice clustering).
  const similarity =
    audio.channels.length === 2 ? channelSimilarity(audio.channels[0]!, audio.channels[1]!) : null;
  const channels = similarity?.same ? [audio.channels[0]!] : audio.channels;
  progress('voice activity', 0, channels.length);
  const masks = channels.map((c) => musicFrames(c, rate));
  const activity = detectVoiceActivity(channels, rate, masks);
  progress('voice activity', channels.length, channels.length);
  const mono = channels.length === 1;

  // Recognise every voiced span of every channel in one batch (the recogniser parallelises).
  const segmentsByChannel = activity.map((a, ch) =>
    recognitionSpans(a.speech, durationMs).map(
      (span, i): SpeechSegment => ({
        id: `ch${ch}-${String(i).padStart(4, '0')}`,
        beginMs: span.beginMs,
        sampleRate: rate,
        samples: sliceSamples(channels[ch]!, rate, span),
      }),
    ),
  );
  const all = segmentsByChannel.flat();
  const recognized = await options.recognizer.recognize(all, {
    call: jobName,
    onProgress: (done, total) => progress('speech to text', done, total),
  });
  let offset = 0;
  const wordsByChannel = segmentsByChannel.map((segs) => {
    const words = recognized.slice(offset, offset + segs.length).flat();
    offset += segs.length;
    return words;
  });

  const speechByRole: Record<Role, Span[]> = { AGENT: [], CUSTOMER: [] };
  const wordsByRole: Record<Role, RecognizedWord[]> = { AGENT: [], CUSTOMER: [] };
  const levelsByRole: Partial<Record<Role, Float32Array>> = {};
  let roleSource: EngineStamp['roleSource'] = 'channel';
  let roleNote: string | null = null;
  if (mono) {
    roleSource = 'speaker-diarization';
    const wins = windows(activity[0]!.speech, DIARIZATION_WINDOW_MS);
    const labels = diarizeTwoSpeakers(channels[0]!, rate, wins);
    const words = wordsByChannel[0]!;
    const labelOf = (ms: number) => {
      const i = wins.findIndex((w) => ms >= w.beginMs && ms < w.endMs);
      return i < 0 ? (labels[0] ?? 0) : labels[i]!;
    };
    const texts = wins.map((w) =>
      words
        .filter((x) => x.beginMs >= w.beginMs && x.beginMs < w.endMs)
        .map((x) => x.text)
        .join(' '),
    );
    const agent = agentSpeaker(labels, texts);
    roleNote = similarity?.same
      ? `mono recording (a stereo file whose two channels carry the same audio, correlation ${similarity.correlation.toFixed(3)}): two speakers found by voice clustering; agent = ${agent.evidence}`
      : `mono recording: two speakers found by voice clustering; agent = ${agent.evidence}`;
    const roleOf = (label: number): Role => (label === agent.speaker ? 'AGENT' : 'CUSTOMER');
    wins.forEach((w, i) => {
      speechByRole[roleOf(labels[i]!)].push(w);
    });
    for (const w of words) wordsByRole[roleOf(labelOf((w.beginMs + w.endMs) / 2))].push(w);
    levelsByRole.AGENT = activity[0]!.levels;
    levelsByRole.CUSTOMER = activity[0]!.levels;
  } else {
    const agentCh = options.agentChannel;
    const roleOfChannel = (ch: number): Role => (ch === agentCh ? 'AGENT' : 'CUSTOMER');
    activity.forEach((a, ch) => {
      speechByRole[roleOfChannel(ch)] = a.speech;
      wordsByRole[roleOfChannel(ch)] = wordsByChannel[ch]!;
      levelsByRole[roleOfChannel(ch)] = a.levels;
    });
    // One party never heard: the recorder lost a leg, or a mono recording was saved with one
    // channel empty (every word then lands on one role). Said where the call's lineage is read.
    const quiet = activity.findIndex((a) => a.speech.length === 0);
    const heard = activity.some((a) => a.speech.length > 0);
    // The agent's greeting heard on the customer's channel only: the channels are the other way
    // round from --agent-channel (every turn's role swapped, silently). Said, with the fix.
    const opening = (ch: number) =>
      openingCue(
        wordsByChannel[ch]!.filter((w) => w.beginMs < OPENING_MS)
          .map((w) => w.text)
          .join(' '),
      );
    const customerCh = activity.findIndex((_, ch) => ch !== agentCh);
    const swappedCue = quiet < 0 && customerCh >= 0 && opening(agentCh) === null ? opening(customerCh) : null;
    if (swappedCue !== null)
      roleNote = `channel ${customerCh} (the customer's) opens with an agent's greeting (/${swappedCue}/) and channel ${agentCh} (the agent's) with none: if the agent is on channel ${customerCh}, run the call again with --agent-channel ${customerCh} --reprocess`;
    if (heard && quiet >= 0)
      roleNote = `channel ${quiet} (the ${roleOfChannel(quiet).toLowerCase()}'s) has no speech: the recorder missed that party, or a mono recording was saved as stereo with one channel empty (if the other channel holds both voices, convert it to mono, sox in.wav mono.wav remix ${2 - quiet}, and drop it again under the same name)`;
  }
  speechByRole.AGENT = union(speechByRole.AGENT);
  speechByRole.CUSTOMER = union(speechByRole.CUSTOMER);

  // PII: the redactor sees the turns in call order (the other party's last turn is context).
  const transcriptWords: Record<Role, TranscriptWord[]> = {
    AGENT: toTranscriptWords(wordsByRole.AGENT),
    CUSTOMER: toTranscriptWords(wordsByRole.CUSTOMER),
  };
  let redactions = 0;
  // What to silence in the redacted copy: a span on one channel of `channels` (0 when mono).
  const silence: { channel: number; span: Span }[] = [];
  const channelOf = (role: Role): number =>
    mono ? 0 : role === 'AGENT' ? options.agentChannel : 1 - options.agentChannel;
  if (options.redactor) {
    const turns = (['AGENT', 'CUSTOMER'] as const)
      .flatMap((role) => wordsToTurns(role, transcriptWords[role]))
      .sort((a, b) => a.words[0]!.beginMs - b.words[0]!.beginMs);
    const input: RedactionTurn[] = turns.map((t) => ({ role: t.role, words: t.words }));
    // One `[PII]` item per entity, spanning its words, as Transcribe writes it.
    const collapsed = new Map<TranscriptWord, TranscriptWord | null>();
    const found = options.redactor.redact(input);
    // Voice clustering can cut a number at a speaker change: its digits in the next turn go too.
    const wordRedactions = mono ? [...found, ...numbersAcrossTurns(input, found)] : found;
    for (const r of wordRedactions) {
      const words = turns[r.turnIndex]?.words.slice(r.firstWord, r.lastWord + 1) ?? [];
      const first = words[0];
      const last = words.at(-1);
      if (!first || !last) continue;
      collapsed.set(first, {
        text: '[PII]',
        beginMs: first.beginMs,
        endMs: last.endMs,
        confidence: r.confidence,
        redaction: { type: r.type, confidence: r.confidence },
      });
      for (const w of words.slice(1)) collapsed.set(w, null);
      // The words' own times end too early (see silenceSpan): the silence runs on to the next word
      // recognised on the channel, within the voiced span the value ends in.
      const channel = channelOf(turns[r.turnIndex]!.role);
      const next = wordsByChannel[channel]!.reduce<number | null>(
        (min, w) => (w.beginMs > last.beginMs && (min === null || w.beginMs < min) ? w.beginMs : min),
        null,
      );
      silence.push({
        channel,
        span: silenceSpan(
          { beginMs: first.beginMs, endMs: last.endMs },
          next,
          activity[channel]!.speech,
          durationMs,
        ),
      });
      redactions++;
    }
    for (const role of ['AGENT', 'CUSTOMER'] as const)
      transcriptWords[role] = transcriptWords[role].flatMap((w) => {
        const replacement = collapsed.get(w);
        return replacement === undefined ? [w] : replacement === null ? [] : [replacement];
      });
  }

  const metrics = conversationMetrics(speechByRole, durationMs);
  const channelResults: ChannelResult[] = (['AGENT', 'CUSTOMER'] as const)
    .filter((role) => mono || activity.length > 1 || role === 'AGENT')
    .map((role) => ({
      role,
      words: transcriptWords[role],
      speech: speechByRole[role],
      levels: levelsByRole[role] ?? new Float32Array(0),
    }));
  const info = options.recognizer.info;
  const built = buildCallAnalyticsOutput({
    jobName,
    languageCode: options.languageCode,
    durationMs,
    hopMs: DEFAULT_VAD.hopMs,
    channels: channelResults,
    metrics,
    sentiment: scoreTurnSentiment,
    redacted: options.redactor !== null,
    engine: {
      engine: 'debrief-embedded-speech',
      version: options.version,
      model: `${info.engine} ${info.version} (${info.model})`,
      modelHash: info.modelHash,
      note: transcriptNote(info.note, roleNote),
      roleSource,
      redaction: options.redactor ? options.redactor.info : null,
    },
  });
  built.Categories = categoriesBlock(evaluateCategories(options.categories, built));
  // The engine's output must be what LoadCall accepts: validate before anything is written.
  const output = TranscribeCallAnalyticsOutput.parse(built);

  // With redaction on there is always a redacted copy, as Transcribe writes one for every
  // RedactedMediaFileUri job: what people listen to never depends on whether PII was heard.
  let redactedAudio: Int16Array[] | null = null;
  if (options.redactor) {
    // The copy keeps the recording's channels; heard as mono, a word is silenced on every one.
    redactedAudio = audio.channels.map((c) => Int16Array.from(c));
    for (const { channel, span } of silence) {
      const targets = mono ? redactedAudio : [redactedAudio[channel]!];
      for (const target of targets) {
        const from = Math.max(0, Math.floor((span.beginMs / 1000) * rate));
        const to = Math.min(target.length, Math.ceil((span.endMs / 1000) * rate));
        target.fill(0, from, to);
      }
    }
  }
  return {
    output,
    redactedAudio,
    stats: {
      speechMs: { AGENT: metrics.talkMs.AGENT, CUSTOMER: metrics.talkMs.CUSTOMER },
      segments: all.length,
      words: wordsByRole.AGENT.length + wordsByRole.CUSTOMER.length,
      redactions,
    },
  };
};
