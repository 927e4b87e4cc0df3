import { join } from 'node:path';
import { type GenerateOptions, generateCall } from '../../generator/index.js';
import { FIXTURES } from './paths.js';

/** Compressed recordings written by scripts/make-audio-fixtures.ts (committed: CI needs no encoder). */
export const AUDIO_FIXTURES = join(FIXTURES, 'audio');

/** The generated call behind test/fixtures/audio/opus-call.* (its truth is regenerated from these). */
export const OPUS_CALL = {
  seed: 23,
  callId: 'opus-call',
  turns: 8,
  topic: 'billing',
  agents: 1,
  hold: false,
  toxic: false,
  ctr: 'present',
  direction: 'inbound',
} satisfies Partial<GenerateOptions>;

/** A short generated billing call (seed 12, one agent, no CTR unless asked): the recording tests' call. */
export const shortBillingCall = (callId: string, ctr: GenerateOptions['ctr'] = 'missing') =>
  generateCall({
    seed: 12,
    callId,
    turns: 8,
    topic: 'billing',
    agents: 1,
    hold: false,
    toxic: false,
    ctr,
    direction: 'inbound',
  });
