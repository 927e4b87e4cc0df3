import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCategories } from '../../adapters/local/categories-file.js';
import { decodeRecordingFile } from '../../adapters/local/speech/compressed-file.js';
import { defaultRecognizer } from '../../adapters/local/speech/default-recognizer.js';
import { runEmbeddedEngine } from '../../adapters/local/speech/embedded-engine.js';
import { STILL_COPYING } from '../../core/audio/audio-errors.js';
import { formatMs } from '../../core/audio/wav-header.js';
import { PIPELINE_VERSION } from '../../core/pipeline-version.js';
import type { SpeechRecognizer } from '../../core/ports/speech-recognizer.js';
import { piiWordRedactor } from '../../core/speech/pii-word-redactor.js';
import type { PiiMode } from '../../schemas/call-document.js';
import { printable } from '../render-table.js';

export interface TranscribeOptions {
  file: string;
  json: boolean;
  agentChannel: 0 | 1;
  piiMode: PiiMode;
  err?: NodeJS.WritableStream;
  /** The recogniser, given how to report its model's build (default: defaultRecognizer). */
  recognizer?: (
    onModelProgress: (stage: string, done: number, total: number) => void,
  ) => Promise<SpeechRecognizer>;
}

const ENCODING: Record<string, string> = {
  pcm: 'PCM',
  float: 'float',
  alaw: 'A-law',
  mulaw: 'μ-law',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  mp3: 'MP3',
};

/**
 * `debrief transcribe FILE` (WAV, Ogg Opus/Vorbis, FLAC, MP3): the embedded speech engine alone, on one recording, as the
 * workflow's transcription stage would run it (voice activity, recognition of the voiced spans,
 * PII redaction, metrics, categories). Prints what it heard, or the Call Analytics document.
 */
export const transcribeCommand = async (options: TranscribeOptions): Promise<string> => {
  const err = options.err ?? process.stderr;
  const name = basename(options.file);
  // Say what is wrong with the path itself, not Node's "ENOENT: no such file or directory, open …".
  const stat = statSync(options.file, { throwIfNoEntry: false });
  if (!stat) throw new Error(`transcribe: no such file: ${options.file}`);
  if (!stat.isFile()) throw new Error(`transcribe: ${options.file} is not a file: give one recording`);
  // A cut-short file's advice is the workflow's ("the call runs again once the copy ends"): here
  // nothing runs again by itself (found by trial17).
  const audio = await decodeRecordingFile(options.file, name).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes(STILL_COPYING))
      error.message = error.message.replace(
        STILL_COPYING,
        'if it was still being copied, transcribe it again once the copy ends; otherwise copy the whole recording again',
      );
    throw error;
  });
  const h = audio.header;
  err.write(
    `${printable(name)}: ${h.channels === 2 ? 'stereo' : 'mono'}, ${h.sampleRate} Hz ${h.bitsPerSample}-bit ${ENCODING[h.encoding] ?? h.encoding}, ${formatMs(h.durationMs)}\n`,
  );
  let lastStage = '';
  // The model's build is said when it starts (about a minute, once), not only stage by stage as
  // each ends: the first stage's end came after a silence that looked like a hang.
  let building = false;
  const result = await runEmbeddedEngine(audio, name.replace(/[^0-9a-zA-Z._-]/g, '_').slice(0, 200), {
    recognizer: await (options.recognizer ?? defaultRecognizer)((stage, done, total) => {
      if (!building)
        err.write(
          'first use: building the call-center language model (about a minute, once: later runs read it from the cache)\n',
        );
      building = true;
      if (done === total) err.write(`first use: call-center language model (${stage}) built\n`);
    }),
    redactor: options.piiMode === 'off' ? null : piiWordRedactor(options.piiMode),
    categories: await loadCategories(),
    agentChannel: options.agentChannel,
    languageCode: 'en-US',
    version: PIPELINE_VERSION,
    onProgress: (stage, done, total) => {
      if (stage !== lastStage || done === total) err.write(`${stage} ${done}/${total}\n`);
      lastStage = stage;
    },
  });
  if (options.json) return JSON.stringify(result.output, null, 2);
  const out = result.output;
  const cc = out.ConversationCharacteristics;
  const engine = (out as { DebriefEngine?: { model?: string; roleSource?: string; note?: string } })
    .DebriefEngine;
  const talk = (role: 'AGENT' | 'CUSTOMER') =>
    formatMs(cc?.TalkTime?.DetailsByParticipant[role]?.TotalTimeMillis ?? 0);
  const lines = [
    `engine: ${engine?.model ?? 'unknown'}`,
    `roles: ${engine?.roleSource === 'channel' ? `by channel (agent on channel ${options.agentChannel})` : 'by voice clustering (mono recording): an inference'}`,
    // What the engine noticed about the recording (a silent channel: found by trial17).
    ...(engine?.note ? [`note: ${printable(engine.note)}`] : []),
    `talk time: agent ${talk('AGENT')}, customer ${talk('CUSTOMER')}; non-talk ${formatMs(cc?.NonTalkTime?.TotalTimeMillis ?? 0)} (${cc?.NonTalkTime?.Instances?.length ?? 0} silences); interruptions ${cc?.Interruptions?.TotalCount ?? 0}`,
    `words: ${result.stats.words} in ${out.Transcript.length} turns; PII redacted: ${result.stats.redactions}`,
    `categories: ${out.Categories?.MatchedCategories.join(', ') || 'none'}`,
    '',
    ...out.Transcript.map(
      (t) =>
        `${formatMs(t.BeginOffsetMillis).padStart(7)}  ${t.ParticipantRole.padEnd(8)} ${printable(t.Content)}`,
    ),
  ];
  return lines.join('\n');
};
