import type { CallExecutionInput } from '../../schemas/workflow.js';
import { readingInput, readStoredRecordingHeader } from '../call-store.js';
import { DebriefInternalError } from '../errors.js';
import type { StepDeps } from './deps.js';
import { readCallSidecars } from './merge-ctr.js';

/**
 * InspectAudio: read the recording's header (a ranged read of its first 64 KiB, and of the chunk
 * headers after them when large chunks come before `data`; never the whole file) and refuse what
 * Transcribe would refuse, with a reason a person can act on: not a recording (WAV, Ogg Opus/Vorbis,
 * FLAC, MP3), truncated, more than two channels, outside 8–48 kHz, shorter than 0.5 s or longer than 4 h.
 * The call's CTR is read as MergeCtr will read it: a CTR that would quarantine the call after
 * transcription quarantines it here, before the transcription is paid for.
 */
export const inspectAudio = async (
  input: CallExecutionInput,
  deps: StepDeps,
): Promise<CallExecutionInput> => {
  const key = input.keys.audio;
  // ClaimCall routes only a call with a recording here: without one, the bug is ours.
  if (!key) throw new DebriefInternalError('InspectAudio', 'reached with no recording to inspect');
  const header = await readingInput(key, () => readStoredRecordingHeader(deps.store, key));
  if (input.keys.ctr) await readCallSidecars(input, deps);
  return {
    ...input,
    audio: {
      container: header.container,
      channels: header.channels,
      sampleRate: header.sampleRate,
      durationMs: Math.round(header.durationMs),
      encoding: header.encoding,
      bitsPerSample: header.bitsPerSample,
    },
  };
};
