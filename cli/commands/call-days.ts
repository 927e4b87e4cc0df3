import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DropCall } from '../../core/drop.js';
import {
  DEFAULT_FILE_NAME_START,
  type FileNameStartSettings,
  startFromFileName,
} from '../../core/file-name-start.js';
import { objectName } from '../../core/object-names.js';

/**
 * The day each call of a batched run will most likely be filed under, known before it is loaded,
 * so the calls can be handed out by day and a batch writes one lake object per table for few days
 * (adapters/lake/batching-lake.ts writes one per table and day it holds: a reprocess of a year
 * listed by name wrote about 6.6 objects per call, each with the Parquet writer's fixed cost).
 *
 * Only an order: a day guessed wrong, or not known, changes which calls share a batch, never
 * what a call comes out as (its day is decided by LoadCall and MergeCtr as always).
 */

const DAY_FOLDER = /^dt=(\d{4}-\d{2}-\d{2})$/;

const modified = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
};

/**
 * Each call's day as its latest result document is filed (`results/dt=DAY/<call>.json`, written
 * by WriteResults), null for a call with none (never landed, or quarantined every time). One
 * listing per day folder, whatever the number of calls; a call filed under two days (its day
 * changed between runs; the older document stays) takes the newer document's.
 */
export const storedCallDays = (resultsDir: string, calls: readonly DropCall[]): (string | null)[] => {
  const days: (string | null)[] = calls.map(() => null);
  let folders: string[];
  try {
    folders = readdirSync(resultsDir).filter((name) => DAY_FOLDER.test(name));
  } catch {
    return days;
  }
  if (folders.length === 0) return days;
  const index = new Map<string, number>();
  calls.forEach((call, i) => {
    index.set(`${objectName(call.callId)}.json`, i);
  });
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(join(resultsDir, folder));
    } catch {
      continue;
    }
    const day = folder.slice('dt='.length);
    for (const name of names) {
      const i = index.get(name);
      if (i === undefined) continue;
      const before = days[i];
      if (
        before === null ||
        before === undefined ||
        modified(join(resultsDir, folder, name)) > modified(join(resultsDir, `dt=${before}`, name))
      )
        days[i] = day;
    }
  }
  return days;
};

/**
 * The day a date-time in the call's recording's (else transcript's) file name gives, read as
 * LoadCall reads it (core/file-name-start.ts), null when the name holds none. A conversation
 * record or recording metadata may give another start (MergeCtr): a guess, for a first run.
 */
export const fileNameDay = (call: DropCall, settings: FileNameStartSettings): string | null => {
  const file = call.audio ?? call.transcript;
  if (file === null || settings.patterns.length === 0) return null;
  return startFromFileName(basename(file), settings)?.startedAt.slice(0, 10) ?? null;
};

/**
 * Each call's day: its stored result's (a call run before), else its file name's, else null.
 */
export const callDays = (
  resultsDir: string,
  calls: readonly DropCall[],
  settings: FileNameStartSettings = DEFAULT_FILE_NAME_START,
): (string | null)[] =>
  storedCallDays(resultsDir, calls).map((day, i) => day ?? fileNameDay(calls[i]!, settings));

/**
 * The calls by day (days in order, each day's calls in the order given), then those of no known
 * day in the order given. Linear: one bucket per day, only the days themselves are sorted.
 */
export const inDayOrder = <T>(calls: readonly T[], days: readonly (string | null)[]): T[] => {
  const byDay = new Map<string, T[]>();
  const unknown: T[] = [];
  calls.forEach((call, i) => {
    const day = days[i];
    if (day === null || day === undefined) {
      unknown.push(call);
      return;
    }
    const bucket = byDay.get(day);
    if (bucket) bucket.push(call);
    else byDay.set(day, [call]);
  });
  if (byDay.size === 0) return unknown;
  const ordered: T[] = [];
  for (const day of [...byDay.keys()].sort()) for (const call of byDay.get(day)!) ordered.push(call);
  for (const call of unknown) ordered.push(call);
  return ordered;
};
