import type { CallDocument } from '../schemas/call-document.js';
import { DebriefError } from './errors.js';

/**
 * The extension point: a developer's own step over the call document, run in order after
 * enrichment and before results are written. Return the (new) document; throw to quarantine.
 */
export interface PostProcessor {
  name: string;
  version: string;
  process(doc: CallDocument): CallDocument | Promise<CallDocument>;
}

/**
 * Two post-processors of one name: no run can go on with them (`run` stops; a `watch`, which
 * loaded them when it started and cannot load them again, stops too).
 */
export class PostProcessorNameError extends DebriefError {
  override name = 'PostProcessorNameError' as const;
}

/**
 * The post-processors a run is given, checked before any call: each is recorded in the call's
 * lineage by its name (`post:<name>`), and a run compares those with its own to tell which
 * unchanged calls were made by other post-processors, so two of one name would leave one
 * unrecorded and every later run saying the calls are stale.
 */
export const checkPostProcessors = (processors: readonly PostProcessor[]): void => {
  const seen = new Set<string>();
  for (const { name } of processors) {
    if (seen.has(name))
      throw new PostProcessorNameError(
        `two post-processors are named ${name} (post-processors/index.ts): give each a name of its own; the call's lineage records each by its name`,
      );
    seen.add(name);
  }
};

/** How many frames of a processor's stack its quarantine report keeps. */
export const KEPT_FRAMES = 5;

/** The `at …` lines of a thrown value's stack (none for a value that is not an Error). */
export const stackFrames = (thrown: unknown): string[] => {
  const stack = (thrown as { stack?: unknown } | null | undefined)?.stack;
  if (typeof stack !== 'string') return [];
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '));
};

/**
 * Where in the developer's own code (a file under post-processors/) a value was thrown: the first
 * frame of its stack there, as `post-processors/index.ts:12:5`, or null (a throw from a library
 * the processor called, whose own frames come first, still names the processor's line below them).
 */
export const processorFrame = (thrown: unknown): string | null => {
  for (const frame of stackFrames(thrown)) {
    const at = /(?:^|[\s(/\\])(post-processors[/\\][^\s()]*?:\d+:\d+)\)?$/.exec(frame);
    if (at?.[1]) return at[1].replaceAll('\\', '/');
  }
  return null;
};

const isErrorLike = (thrown: unknown): thrown is { message: string } =>
  thrown instanceof Error ||
  (typeof thrown === 'object' &&
    thrown !== null &&
    typeof (thrown as { message?: unknown }).message === 'string');

/**
 * What a processor threw, in words: an Error's message, or, for anything else (`throw undefined`,
 * a string, an object), that it threw no Error (which has no message and no stack to say where).
 */
/**
 * An error's cause, when it says more than the error: Node's fetch throws "fetch failed" and
 * keeps why (ECONNREFUSED, a DNS failure, a timeout) in `cause` alone (found by a developer's trial:
 * a service that was down quarantined calls with the reason "fetch failed"). One level, its message
 * or else its code; nothing when the message already holds it.
 */
const causeOf = (thrown: { message: string }): string => {
  const cause = (thrown as { cause?: unknown }).cause;
  if (cause === undefined || cause === null || typeof cause !== 'object') return '';
  const { message, code } = cause as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : typeof code === 'string' ? code : '';
  return text === '' || thrown.message.includes(text) ? '' : ` (cause: ${text})`;
};

export const thrownMessage = (thrown: unknown): string => {
  if (isErrorLike(thrown))
    return `${thrown.message || (thrown as { name?: string }).name || 'an Error without a message'}${causeOf(thrown)}`;
  const value =
    typeof thrown === 'string'
      ? `the string ${JSON.stringify(thrown.length > 80 ? `${thrown.slice(0, 79)}…` : thrown)}`
      : thrown === undefined || thrown === null
        ? String(thrown)
        : typeof thrown === 'object'
          ? 'an object'
          : `the ${typeof thrown} ${String(thrown)}`;
  return `threw a non-Error value (${value}): throw new Error('…') to say what went wrong and where`;
};
