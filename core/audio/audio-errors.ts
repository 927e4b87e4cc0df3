import { DebriefError } from '../errors.js';

/** Why a recording cannot be transcribed: each has a one-line reason a person can act on. */
export type AudioProblem =
  | 'not-audio'
  | 'corrupt'
  | 'truncated'
  | 'too-many-channels'
  | 'same-audio-on-both-channels'
  | 'too-short'
  | 'too-long'
  | 'unsupported-format'
  | 'unsupported-rate';

/** A recording the workflow cannot use; the call is quarantined with `message` as its reason. */
export class InvalidAudioError extends DebriefError {
  override name = 'InvalidAudioError' as const;
  constructor(
    readonly problem: AudioProblem,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** What to do about a recording cut short: most often it was still being copied when read. */
export const STILL_COPYING =
  'if it was still being copied, the call runs again once the copy ends; otherwise drop the whole recording again';
