import { arch, cpus, platform, release, totalmem } from 'node:os';

/**
 * What a benchmark measured, kept as data as well as printed: `npm run bench` writes every
 * figure recorded here to a JSON file (bench/results/<version>.json when run with --save, else
 * .debrief/bench/latest.json) so releases can be compared.
 */
export interface Figure {
  bench: string;
  /** what was measured, e.g. "pipeline: 40 calls, concurrency 2" */
  name: string;
  value: number;
  /** e.g. "s", "ms", "calls/s", "MiB", "files", "x realtime" */
  unit: string;
  /** anything needed to read the figure: sizes, counts, settings */
  detail?: Record<string, string | number | boolean | null>;
}

const figures: Figure[] = [];
let current = 'unnamed';

/** Set by bench/run.ts before each bench runs. */
export const setBench = (name: string): void => {
  current = name;
};

/** Record one figure (the bench still prints its own human-readable lines/tables). */
export const record = (name: string, value: number, unit: string, detail?: Figure['detail']): void => {
  const rounded = Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
  figures.push({ bench: current, name, value: rounded, unit, ...(detail ? { detail } : {}) });
};

export const recorded = (): readonly Figure[] => figures;

/** The machine the figures came from: they mean little without it. */
export const machine = (): Record<string, string | number> => {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpus: cpu.length,
    cpu_model: cpu[0]?.model ?? 'unknown',
    memory_gib: Math.round(totalmem() / 2 ** 30),
  };
};

/**
 * The benches a run replaces in the results file: those named, else every one, but never the lake
 * bench unless it was asked for (named or `--lake`): it skips itself otherwise, and an unasked
 * `npm run bench -- --save` must keep its saved figures rather than write it as a run without any.
 */
export const benchesRun = (
  all: readonly string[],
  named: readonly string[],
  args: readonly string[],
): string[] =>
  (named.length > 0 ? named : all).filter(
    (n) => n !== 'lake' || named.includes('lake') || args.includes('--lake'),
  );
