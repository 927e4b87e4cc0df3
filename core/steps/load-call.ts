import type { CallDocument, TopicCorrectionRecord } from '../../schemas/call-document.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import type { CallExecutionInput, CallState } from '../../schemas/workflow.js';
import { InvalidAudioError } from '../audio/audio-errors.js';
import { formatMs, readWavHeader, type WavHeader } from '../audio/wav-header.js';
import { buildCallDocument, noTalkMetrics, pipelineLineage, utcDate } from '../call-document.js';
import { documentKeyFor, fileNameOf, readingInput, readJson, saveDocument } from '../call-store.js';
import { errorMessage, InvalidInputError, ObjectNotFoundError } from '../errors.js';
import {
  startFromBext,
  startFromFileName,
  startFromFileTime,
  startFromInfoCreation,
} from '../file-name-start.js';
import { foreignTranscript } from '../formats.js';
import { repeatedChannels } from '../transcribe/repeated-channels.js';
import {
  REDACTED_AUDIO_SUFFIXES,
  TRANSCRIPT_SUFFIX,
  TRANSCRIPTS_PREFIX,
} from '../transcription/transcription-plan.js';
import { withSidecars } from './claim-call.js';
import type { StepDeps } from './deps.js';
import { parseInput } from './parse-input.js';

/**
 * The transcript's JSON. One that cannot be read as JSON (cut off, a syntax error, not UTF-8) says
 * what to do, as a CTR does (merge-ctr.ts): a corrected copy dropped under the same name runs the call.
 */
const readTranscript = async (store: StepDeps['store'], key: string): Promise<unknown> => {
  try {
    return await readingInput(key, () => readJson(store, key, 'transcript'));
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(
      'transcript',
      `${errorMessage(error).replace(/^transcript: /, '')}: drop the call's transcript (Transcribe Call Analytics output) again under the same name`,
    );
  }
};
/**
 * LoadCall: read and validate the call's transcript (Transcribe Call Analytics output JSON, batch
 * or real-time post-call), and build the canonical call document from it, Transcribe's own
 * findings included. A file of a neighbouring format is quarantined with one line saying what it
 * is and what to drop instead. Where the deps have analysts' topic corrections (locally), the
 * call's correction is read here, once per run, into the document (`topicCorrection`).
 */
export const loadCall = async (execution: CallExecutionInput, deps: StepDeps): Promise<CallState> => {
  const input = execution.lookupSidecars
    ? { ...execution, keys: await withSidecars(deps.store, execution.keys) }
    : execution;
  const { keys, callId } = input;
  if (!keys.transcript && !keys.audio && keys.ctr && input.route === 'ctr-only')
    return loadCtrOnlyCall({ ...input, keys: { ...keys, ctr: keys.ctr } }, deps);
  if (!keys.transcript)
    throw new InvalidInputError(
      'transcript',
      'no transcript for this call (only sidecar files were dropped)',
    );
  const transcriptKey = keys.transcript;
  const json = await readTranscript(deps.store, transcriptKey);
  // A neighbouring format (Contact Lens, standard Transcribe, ...) is named, not schema-dumped.
  const foreign = foreignTranscript(json, callId);
  if (foreign) throw new InvalidInputError('transcript', `${fileNameOf(keys.transcript)}: ${foreign}`);
  const transcript = parseInput(TranscribeCallAnalyticsOutput, json, 'transcript', keys.transcript);
  // A job that says it did not complete (FAILED, IN_PROGRESS, QUEUED) wrote no transcript to trust,
  // whatever turns the file holds (helper-215: such a file landed as a normal call, no note).
  const status = transcript.JobStatus?.trim().toUpperCase();
  if (status !== undefined && status !== '' && status !== 'COMPLETED') {
    const failure =
      typeof json === 'object' && json !== null
        ? (json as { FailureReason?: unknown }).FailureReason
        : undefined;
    const why =
      typeof failure === 'string' && failure.trim() !== '' ? ` (FailureReason: ${failure.trim()})` : '';
    throw new InvalidInputError(
      'transcript',
      `${fileNameOf(keys.transcript)}: its JobStatus is ${transcript.JobStatus}${why}, not COMPLETED: a job that did not complete wrote no transcript to trust; drop the output of a completed job under the same name`,
    );
  }
  if (transcript.Transcript.length === 0) {
    // A transcript this workflow made: say what is wrong with the recording, not its transcript.
    if (keys.audio && keys.transcript.startsWith(`${TRANSCRIPTS_PREFIX}/`)) {
      // Under 10 s in tenths: a 0.5 s recording is not "0:01" long.
      const ms = input.audio?.durationMs;
      const length = ms === undefined ? '' : ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : formatMs(ms);
      const seconds = length ? ` in its ${length}` : '';
      throw new InvalidInputError(
        fileNameOf(keys.audio),
        `no speech was heard${seconds} (the recording is silent, holds no voices, or they are too quiet to detect): check that the recorder captured the call, and drop it again`,
      );
    }
    throw new InvalidInputError('transcript', `${fileNameOf(keys.transcript)} has no turns`);
  }
  // Both roles saying the same words at the same moments: the two channels carried one signal.
  const repeated = repeatedChannels(transcript.Transcript);
  if (repeated) {
    const shares = `${Math.round(repeated.agentShare * 100)}% of the agent's words and ${Math.round(repeated.customerShare * 100)}% of the customer's are heard at the same moment on the other channel`;
    if (keys.audio && keys.transcript.startsWith(`${TRANSCRIPTS_PREFIX}/`)) {
      const name = fileNameOf(keys.audio);
      throw new InvalidAudioError(
        'same-audio-on-both-channels',
        name,
        `${name} carries the same audio on both channels (${shares}): a mono recording saved as two channels, or stereo Opus encoded below about 24 kbit/s, cannot tell agent from customer by channel; convert it to mono (\`sox ${name} mono.wav remix 1\`, or \`ffmpeg -i ${name} -ac 1 mono.wav\`) and drop that under the same call name: a mono recording is transcribed with speaker labels`,
      );
    }
    throw new InvalidInputError(
      'transcript',
      `${fileNameOf(keys.transcript)}: its AGENT and CUSTOMER turns repeat each other (${shares}): the recording it was made from had the same audio on both channels; transcribe it as mono with speaker labels instead`,
    );
  }
  const arrived = await deps.store.head(keys.transcript);
  // A transcript this workflow made from a recording has a redacted audio copy beside it.
  let redactedAudio: string | null = null;
  if (keys.transcript.startsWith(`${TRANSCRIPTS_PREFIX}/`) && keys.transcript.endsWith(TRANSCRIPT_SUFFIX))
    for (const suffix of REDACTED_AUDIO_SUFFIXES) {
      const candidate = `${keys.transcript.slice(0, -TRANSCRIPT_SUFFIX.length)}${suffix}`;
      if (await deps.store.exists(candidate)) {
        redactedAudio = candidate;
        break;
      }
    }
  // MergeCtr anchors the call in time (recording metadata, else the CTR); without either, the
  // recording's own BWF date and time, else a date-time in the recording's (else the transcript's)
  // file name, else the recording's LIST/INFO creation date (ICRD), is the start.
  // A recording InspectAudio read as another container has no bext: no request for it.
  const wav = input.audio?.container === undefined || input.audio.container === 'wav';
  const dates = keys.audio && wav ? await recordingDates(deps, keys.audio) : null;
  // A transcript dropped beside the recording is read instead of transcribing it: one of a longer
  // call (the newcomer's trial: a 4:07 call's transcript beside a 0:26 WAV landed as that call,
  // unsaid) is another call's. Only a transcript longer than its recording can be told apart (a
  // shorter one may be the recording's speech between silences), and only when it is more than
  // twice as long, as a CTR's conversation is told apart from a recording (core/ctr/merge.ts): a
  // transcript a little longer may be of a recording trimmed since, or timed otherwise.
  if (keys.audio && !transcriptKey.startsWith(`${TRANSCRIPTS_PREFIX}/`)) {
    const recordingMs = input.audio?.durationMs ?? dates?.durationMs;
    const longer = recordingMs === undefined ? null : transcriptLongerThan(transcript, recordingMs);
    if (longer !== null && recordingMs !== undefined)
      throw new InvalidInputError(
        'transcript',
        `${fileNameOf(transcriptKey)} is a transcript of ${formatMs(longer)}, but ${fileNameOf(keys.audio)} is ${formatMs(recordingMs)} long: another call's transcript? Drop this call's own transcript under the same name, or remove it to have the recording transcribed`,
      );
  }
  const named = dates?.origination
    ? startFromBext(dates.origination, fileNameOf(keys.audio!), deps.fileNameStart)
    : (startFromFileName(fileNameOf(keys.audio ?? keys.transcript), deps.fileNameStart) ??
      (dates?.creationDate
        ? startFromInfoCreation(dates.creationDate, fileNameOf(keys.audio!), deps.now(), deps.fileNameStart)
        : null));
  // No start from the recording or the file names: filed under the day of the recording's own file
  // (its modification time as dropped), not under the day a transcript was made from it here.
  // A recording gone since it was transcribed (as for its bext above): the transcript's time.
  const audioKey = keys.audio;
  const recordedAt = async (key: string) =>
    (
      await deps.store.head(key).catch((error: unknown) => {
        if (error instanceof ObjectNotFoundError) return null;
        throw error;
      })
    )?.lastModified ?? null;
  const fileTime = async () => {
    const recorded =
      audioKey && transcriptKey.startsWith(`${TRANSCRIPTS_PREFIX}/`) ? await recordedAt(audioKey) : null;
    return audioKey && recorded
      ? { name: fileNameOf(audioKey), kind: 'recording' as const, lastModified: recorded }
      : { name: fileNameOf(transcriptKey), kind: 'transcript' as const, lastModified: arrived.lastModified };
  };
  const file = named ? null : await fileTime();
  const filed = file ? startFromFileTime(file, deps.now()) : null;
  const built = buildCallDocument({
    callId,
    transcript,
    sources: {
      transcript: keys.transcript,
      ctr: keys.ctr,
      recording: keys.recording,
      audio: keys.audio,
      redactedAudio,
    },
    startedAt: named?.startedAt ?? null,
    // An ICRD date without a time: no start, its day.
    fallbackDt: (named && 'dt' in named ? named.dt : filed?.dt) ?? utcDate(arrived.lastModified),
  });
  const start = named?.lineage ?? filed?.lineage;
  const started = start ? { ...built, lineage: { ...built.lineage, start } } : built;
  // An analyst's topic correction (locally), read once for the whole run: DetectTopics and
  // SummarizeCall run in parallel and must not each read the corrections, or one landing between
  // their reads would give the call's topics and its summary different topics.
  const doc = deps.topicCorrection ? { ...started, ...(await correctionOf(deps, callId)) } : started;
  const documentKey = documentKeyFor(deps.prefixes.work, callId, deps.now());
  await saveDocument(deps.store, documentKey, doc);
  const recordingMs = input.audio ? undefined : dates?.durationMs;
  return { ...input, documentKey, ...(recordingMs === undefined ? {} : { recordingMs }) };
};

/**
 * A CTR-only call (ClaimCall's route `ctr-only`: its record says it was never recorded, see
 * core/ctr/ctr-only.ts): a document with no turns and no transcript, `hasRecording` false; MergeCtr
 * then fills its journey, start and length from the record, and the AI parts are `not_applicable`.
 * Filed under the day the record arrived until MergeCtr dates it by its conversationStart.
 */
const loadCtrOnlyCall = async (
  input: CallExecutionInput & { keys: { ctr: string } },
  deps: StepDeps,
): Promise<CallState> => {
  const { keys, callId } = input;
  const arrived = await readingInput(keys.ctr, () => deps.store.head(keys.ctr));
  const doc: CallDocument = {
    schemaVersion: 1,
    callId,
    dt: utcDate(arrived.lastModified),
    conversationId: null,
    startedAt: null,
    durationMs: 0,
    language: 'unknown',
    redacted: false,
    hasRecording: false,
    sources: { transcript: null, ctr: keys.ctr, recording: keys.recording, audio: null, redactedAudio: null },
    roleSource: 'channel',
    turns: [],
    metrics: noTalkMetrics(),
    categories: [],
    transcribe: null,
    journey: null,
    enrichment: {},
    problems: [],
    pii: null,
    lineage: { pipeline: pipelineLineage() },
  };
  const documentKey = documentKeyFor(deps.prefixes.work, callId, deps.now());
  await saveDocument(deps.store, documentKey, doc);
  return { ...input, documentKey };
};

/**
 * The call's correction for this run; when the analysts' file cannot be read (a hand edit that
 * does not parse), why, for DetectTopics and SummarizeCall to fail with: the call's own input is
 * fine, so LoadCall must not quarantine it.
 */
const correctionOf = async (
  deps: StepDeps,
  callId: string,
): Promise<{ topicCorrection: TopicCorrectionRecord | null } | { topicCorrectionError: string }> => {
  try {
    const correction = await deps.topicCorrection?.(callId);
    return { topicCorrection: correction ? { topic: correction.topic, at: correction.at } : null };
  } catch (error) {
    return { topicCorrectionError: error instanceof Error ? error.message : String(error) };
  }
};

/** How much of a recording LoadCall reads for its `bext` and `LIST` chunks (before `data` they are in the first few hundred bytes in practice). */
export const BEXT_PROBE_BYTES = 4096;

/**
 * The recording's BWF origination date and time and its LIST/INFO creation date (ICRD), from a
 * ranged read of its first BEXT_PROBE_BYTES (and of chunk headers after them when big chunks come
 * first, or follow the samples: a LIST chunk written at the end). Read here, not carried from
 * InspectAudio, because a call whose recording was already transcribed (a re-run, a late CTR, a
 * reprocess) comes to LoadCall without InspectAudio: the start must not depend on the route.
 * Null for anything but a readable WAV (another container), or a recording no longer there; each
 * date null when absent, blank or impossible: never an error of the call's.
 */
/**
 * How long the transcript says its call is (its conversation's length, or where its last turn
 * ends if later), when that is more than twice the recording's length; else null.
 */
const transcriptLongerThan = (
  transcript: TranscribeCallAnalyticsOutput,
  recordingMs: number,
): number | null => {
  const said = transcript.ConversationCharacteristics?.TotalConversationDurationMillis ?? 0;
  const lastEnd = transcript.Transcript.reduce((m, t) => Math.max(m, t.EndOffsetMillis), 0);
  const length = Math.max(said, lastEnd);
  return length > 2 * recordingMs ? length : null;
};

const recordingDates = async (
  deps: StepDeps,
  key: string,
): Promise<Pick<WavHeader, 'origination' | 'creationDate' | 'durationMs'> | null> => {
  try {
    const { size } = await deps.store.head(key);
    // Smaller than a RIFF header: nothing to read (and no Range bytes=0--1 for an empty file).
    if (size < 12) return null;
    const header = await readWavHeader(
      (start, end) => deps.store.getRange(key, start, end),
      size,
      fileNameOf(key),
      BEXT_PROBE_BYTES,
      true,
    );
    return {
      origination: header.origination,
      creationDate: header.creationDate,
      durationMs: header.durationMs,
    };
  } catch (error) {
    if (error instanceof InvalidAudioError || error instanceof ObjectNotFoundError) return null;
    throw error;
  }
};
