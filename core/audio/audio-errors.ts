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
