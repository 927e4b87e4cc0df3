import { type AudioDropCall, asAudioDrop } from './audio/audio-drop.js';
import type { GeneratedCall } from './generate-call.js';
import { generateShowcase } from './generate-calls.js';

/**
 * The bundled samples: the showcase calls, the first three dropped as recordings (stereo,
 * 8 kHz μ-law WAV, agent on channel 1, as Genesys Cloud exports them), the rest as Transcribe
 * output, so `npm start` goes through both front doors.
 */
export const AUDIO_SAMPLES = 3;

export const buildShowcaseDrop = async (
  seed: number,
  count?: number,
): Promise<(GeneratedCall | AudioDropCall)[]> =>
  Promise.all(
    generateShowcase(seed, count).map((call, i) =>
      i < AUDIO_SAMPLES ? asAudioDrop(call, { sampleRate: 8000, encoding: 'mulaw', agentChannel: 1 }) : call,
    ),
  );
