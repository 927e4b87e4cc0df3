/** The partition a nightly compaction works on: yesterday (UTC), when no more calls land in it. */
export const previousUtcDay = (nowIso: string): string => {
  const d = new Date(nowIso);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
