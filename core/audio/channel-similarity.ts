/**
 * Whether the two channels of a stereo recording carry the same audio: a mono recording saved as
 * two channels, a recorder that writes the mix to both, or stereo Opus encoded below about
 * 24 kbit/s (libopus then codes one channel and both decode to the same mix). Such a file holds no
 * channel separation: taken channel by channel, every word would be heard twice, once as the
 * agent's and once as the customer's.
 *
 * Measured as the Pearson correlation of the two sample streams over the whole recording (a
 * gain difference between the channels does not matter; a lossy codec's small differences do
 * not either). Two separately recorded parties correlate near 0; crosstalk or echo of one party
 * on the other's channel stays far below the threshold because each channel is dominated by its
 * own speaker. A channel that is silent, or nearly so, is never "the same" as the other.
 */
export interface ChannelSimilarity {
  /** Pearson correlation of the two channels, -1..1 (0 when either is silent). */
  correlation: number;
  /** True when the channels carry the same audio. */
  same: boolean;
}

/** Correlation from which two channels are taken as one signal. */
export const SAME_AUDIO_CORRELATION = 0.95;
/** RMS (in 16-bit sample units) under which a channel counts as silent: about -60 dBFS. */
const SILENT_RMS = 32;

export const channelSimilarity = (a: Int16Array, b: Int16Array): ChannelSimilarity => {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { correlation: 0, same: false };
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  if (Math.sqrt(va) < SILENT_RMS || Math.sqrt(vb) < SILENT_RMS) return { correlation: 0, same: false };
  const correlation = (sab / n - (sa / n) * (sb / n)) / Math.sqrt(va * vb);
  return { correlation, same: correlation >= SAME_AUDIO_CORRELATION };
};
