import type { GeneratedCall } from '../generate-call.js';
import type { CallTruth } from '../truth.js';
import { type AudioRenderOptions, type AudioTruth, renderCallAudio } from './render-call-audio.js';

/**
 * A generated call dropped as a recording: the Transcribe output the generator writes is
 * replaced by the rendered WAV (`<stem>.wav`, the stem the sidecars already share), and the
 * truth gains what the audio adds (music spans, voices, format). The transcript the generator
 * scripted stays in the truth (`speech`), as the reference for word error rates.
 */
export interface AudioDropCall {
  callId: string;
  files: { name: string; content: string | Uint8Array }[];
  truth: CallTruth & { audio: AudioTruth; audioFile: string };
}

export const asAudioDrop = async (
  call: GeneratedCall,
  options: AudioRenderOptions = {},
): Promise<AudioDropCall> => {
  const rendered = await renderCallAudio(call.truth, options);
  const transcript = call.truth.files.transcript;
  const audioFile = `${transcript.replace(/\.tca\.json$/, '')}.wav`;
  return {
    callId: call.callId,
    files: [...call.files.filter((f) => f.name !== transcript), { name: audioFile, content: rendered.wav }],
    truth: { ...call.truth, audio: rendered.audio, audioFile },
  };
};
