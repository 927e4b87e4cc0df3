/** How far two lengths of one recording may be apart before they are of two recordings. */
const LENGTH_TOLERANCE_MS = 30_000;
const LENGTH_TOLERANCE_SHARE = 0.25;

/**
 * Whether two lengths said of one recording (its header's and its metadata's) are too far apart
 * to be of the same recording: more than 30 s and a quarter of the longer apart (the newcomer's
 * trial: a 4:51 recording's metadata beside a 0:53 WAV).
 */
export const lengthsFarApart = (aMs: number, bMs: number): boolean => {
  const apart = Math.abs(aMs - bMs);
  return apart > LENGTH_TOLERANCE_MS && apart > Math.max(aMs, bMs) * LENGTH_TOLERANCE_SHARE;
};
