import { readFileSync, writeFileSync } from 'node:fs';
import { renderCallAudio } from './generator/audio/render-call-audio.js';

const truth = JSON.parse(readFileSync('samples-truth/call-0002-payments.truth.json', 'utf8'));
for (const rate of [8000, 16000]) {
  const t0 = Date.now();
  const r = await renderCallAudio(truth, { sampleRate: rate });
  writeFileSync(`/tmp/c2-${rate}.wav`, r.wav);
  console.log(rate, Date.now() - t0, 'ms', r.audio.voices);
}
