import type { StateError } from '../schemas/workflow.js';
import { TRANSIENT_ERRORS } from '../workflows/tasks.js';
import { isControl } from './control-characters.js';
import { escapeRegExp } from './escape-regexp.js';

export { isControl };

/**
 * What a person reads in call_status.reason and the quarantine report: one line, no more than
 * MAX_REASON characters, that says what is wrong and what to do, and never carries personal
 * data. Reasons are built from our own messages, which name files, fields and positions but
 * never quote input values; maskPersonalDigits is the safety net under that rule.
 */
export const MAX_REASON = 300;

/**
 * Errors worth another try on the next run: the input may be fine, the moment was not. The
 * workflow's own transient errors (retried within the execution first), a step's timeout and
 * the machine's errors (a full disk; a local speech engine that failed: its model cache cannot be
 * written, its binary or model is missing, its server is down).
 */
export const RETRYABLE_ERRORS = [
  ...TRANSIENT_ERRORS,
  'States.Timeout',
  'States.HeartbeatTimeout',
  'SystemError',
  'SpeechEngineError',
  // A dropped file was removed before it was read: dropped again, or still in the drop, it runs.
  'InputVanishedError',
] as const;

export const isRetryableFailure = (errorName: string): boolean =>
  (RETRYABLE_ERRORS as readonly string[]).includes(errorName);

/** Step Functions puts a Lambda error's JSON ({errorType, errorMessage}) in Cause; take the message. */
export const readableCause = (cause: string | undefined): string => {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown; cause?: unknown };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
    if (typeof parsed.cause === 'string') return parsed.cause;
    return 'no readable detail';
  } catch {
    // Cause was plain text already.
  }
  return cause;
};

const ISO_STAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
/** Six digits or more, possibly split by spaces, dots, dashes, slashes or brackets: a phone, card or account number. */
const DIGIT_RUN = /\+?\(?\d(?:[\s().\-/]{0,2}\d){5,}/g;

/**
 * A hex hash or id (8+ characters with both a digit and a letter a–f: a model file's hash, a
 * UUID group): no phone or card number has letters in it.
 */
const HEX_TOKEN = /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi;
/**
 * A UUID (8-4-4-4-12 hex: a Genesys conversation id, a Connect contact id) whole: its groups
 * apart are too short for HEX_TOKEN, and all-digit ones (`-9908-4777-9281-`) read as a phone
 * number, so `drop <uuid>.wav` was printed with a hole in it.
 */
const UUID = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])/gi;
/**
 * A server's address: a URL's scheme and host (a name with a letter in it, an IPv4 address, an
 * IPv6 one in brackets) with its port (`http://127.0.0.1:18080`, `http://llm-box-204711.local:11434`),
 * and a bare IPv4 address with its port, as Node's `connect ECONNREFUSED 127.0.0.1:18099` states it.
 * Masked, a reason such as "cannot reach http://[number removed]:18099/v1/chat/completions" hid the
 * one thing a user had to fix. Strict on purpose (the review of f7a2f0d): a bare address needs
 * its port and groups of 0–255, so a phone number written with dots (`079.123.45.67`) is still
 * masked; a URL with user info (`http://4111111111111111@host`) or a host of digits alone is not
 * shielded, and what follows the port is masked as any text.
 */
const IPV4 = String.raw`(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const SERVER_ADDRESS = new RegExp(
  String.raw`\bhttps?:\/\/(?:${IPV4}|[\w-]*[a-z][\w-]*(?:\.[\w-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?(?=[/?#\s)\]},;:.'"]|$)|(?<![\d.])${IPV4}:\d{1,5}(?![\d.])`,
  'gi',
);
/** A size in bytes as our own messages state it ("declares 1234567 bytes"). */
const BYTE_COUNT = /\b\d+ bytes\b/g;

/**
 * Where an id of ours stands as a name of its own (`<id>.ctr.json`, `call <id>`), not as a piece
 * of a longer number: a call id `1111` is kept in `drop 1111.wav`, never in `4111 1111 1111`, or
 * shielding it would leave the card's other groups too short to mask.
 */
const standingAlone = (id: string): RegExp =>
  new RegExp(
    `(?<![0-9A-Za-z])(?<!\\d[\\s().\\-/]{1,2})${escapeRegExp(id)}(?![0-9A-Za-z])(?![\\s().\\-/]{1,2}\\d)`,
    'g',
  );

/**
 * Replace anything that looks like a phone or account number; server addresses, ISO timestamps,
 * UUIDs, hex hashes and byte counts are left readable, and so are the ids in `keep`: the call's own id, which
 * call_status shows as its key already (masked, the reason's "drop <id>.wav" names no file).
 */
export const maskPersonalDigits = (text: string, keep: readonly string[] = []): string => {
  const kept: string[] = [];
  const shield = (m: string) => {
    kept.push(m);
    return `\ue000${kept.length - 1}\ue001`;
  };
  const ours = keep
    .filter((id) => id.trim() !== '')
    .reduce((t, id) => t.replace(standingAlone(id), shield), text);
  const shielded = ours
    .replace(SERVER_ADDRESS, shield)
    .replace(ISO_STAMP, shield)
    .replace(UUID, shield)
    .replace(HEX_TOKEN, shield)
    .replace(BYTE_COUNT, shield);
  return shielded
    .replace(DIGIT_RUN, '[number removed]')
    .replace(/\ue000(\d+)\ue001/g, (_, i: string) => kept[Number(i)] ?? '');
};

/** One printable line: control characters and line breaks become spaces, runs of spaces one. */
export const oneLine = (text: string, max = MAX_REASON): string => {
  const flat = [...text]
    .map((c) => (isControl(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const safeReason = (text: string, keep: readonly string[] = []): string =>
  oneLine(maskPersonalDigits(text, keep));

/**
 * A copy of another call's recording (adapters/local/local-drop.ts DuplicateRecordingError):
 * `a copy of call <id>: <what to do>`. The id is kept whole, never masked nor cut: it is that
 * call's call_id, a key of call_status as it is (masking would turn `2026-03-04 0417 551234` into
 * `[number removed]`, and the reason would name no call at all), so it carries nothing the lake
 * does not show already; control characters in it become spaces, as in any reason. The words
 * after it are masked and cut as any reason's.
 */
const copyReason = (cause: string | undefined, keep: readonly string[]): string | null => {
  let parsed: { copyOf?: unknown; errorMessage?: unknown };
  try {
    parsed = JSON.parse(cause ?? '') as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed?.copyOf !== 'string') return null;
  const id = oneLine(parsed.copyOf, Number.POSITIVE_INFINITY);
  const what = typeof parsed.errorMessage === 'string' ? safeReason(parsed.errorMessage, keep) : '';
  return what ? `a copy of call ${id}: ${what}` : `a copy of call ${id}`;
};

/**
 * What went wrong, from the Catch output of the state that failed. Our own errors
 * (InvalidInputError and friends) already say what is wrong with which file; the runtime's
 * errors get a sentence that says what happened. `keep`: ids left whole (maskPersonalDigits).
 */
export const failureReason = (
  error: StateError,
  failedState?: string | null,
  keep: readonly string[] = [],
): string => {
  const where = failedState ? ` in ${failedState}` : '';
  const detail = readableCause(error.Cause);
  switch (error.Error) {
    case 'DuplicateRecordingError':
      return copyReason(error.Cause, keep) ?? safeReason(detail || error.Error, keep);
    case 'States.Timeout':
    case 'States.HeartbeatTimeout':
      return safeReason(`the step${where} did not finish within its time limit`, keep);
    case 'ThrottledError':
      return safeReason(
        `a service kept asking us to slow down${where}, even after retries${detail && detail !== error.Error ? ` (${detail})` : ''}`,
        keep,
      );
    case 'InvalidInputError':
    case 'InvalidRowError':
    case 'PostProcessorError':
    case 'EngineError':
    case 'UnreadableInputError':
    case 'ConflictingInputsError':
    case 'InvalidAudioError':
    case 'TranscriptionFailedError':
    case 'TranscriptionConfigError':
    case 'PiiLanguageError':
    case 'TranscriptionServiceError':
    case 'TranscriptionTimeoutError':
    case 'SpeechEngineError':
    case 'DebriefInternalError':
    case 'InputVanishedError':
      return safeReason(detail || error.Error, keep);
    default:
      if (error.Error.startsWith('Lambda.') || error.Error === 'SystemError')
        return safeReason(`the platform failed${where} (${error.Error}${detail ? `: ${detail}` : ''})`, keep);
      return safeReason(
        `unexpected ${error.Error}${where}${detail && detail !== error.Error ? `: ${detail}` : ''}`,
        keep,
      );
  }
};

/**
 * The reason a call was quarantined: what went wrong, and what happens next. `callId`, the
 * call_status key the reason is written beside, is left whole wherever it names a file.
 */
export const quarantineReason = (error: StateError, failedState?: string | null, callId?: string): string => {
  const what = failureReason(error, failedState, callId === undefined ? [] : [callId]);
  if (!isRetryableFailure(error.Error)) return what;
  const hint =
    error.Error === 'States.Timeout'
      ? 'tried again on the next run (a very large call on a busy machine may need a longer --step-timeout or a lower --concurrency)'
      : error.Error === 'InputVanishedError'
        ? 'drop it again and the call runs (locally, the next run of a folder that still has it runs it)'
        : error.Error === 'TranscriptionServiceError'
          ? 'upload the recording again to try once more (the same bytes find the same Transcribe job: delete that job first if it keeps answering so)'
          : 'tried again on the next run';
  return oneLine(`${what}: ${hint}`, MAX_REASON + 120);
};
