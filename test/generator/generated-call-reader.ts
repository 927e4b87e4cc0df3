import type { GeneratedCall } from '../../generator/index.js';
import {
  GenesysConversation,
  type GenesysSegment,
  RecordingMetadata,
} from '../../schemas/genesys-conversation.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';

/** Parses a generated call's files with the pipeline's own schemas. */
export function readGeneratedCall(call: GeneratedCall) {
  const file = (name: string | null) => (name === null ? undefined : call.files.find((f) => f.name === name));
  const transcriptFile = file(call.truth.files.transcript);
  const recordingFile = file(call.truth.files.recording);
  const ctrFile = file(call.truth.files.ctr);
  if (!transcriptFile || !recordingFile)
    throw new Error(`${call.callId}: transcript or recording file missing`);
  return {
    transcript: TranscribeCallAnalyticsOutput.parse(JSON.parse(transcriptFile.content)),
    recording: RecordingMetadata.parse(JSON.parse(recordingFile.content)),
    ctr: ctrFile ? GenesysConversation.parse(JSON.parse(ctrFile.content)) : null,
  };
}

export const segmentMs = (segment: GenesysSegment): number =>
  Date.parse(segment.segmentEnd ?? segment.segmentStart) - Date.parse(segment.segmentStart);
