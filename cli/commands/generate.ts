import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { listDropFiles } from '../../adapters/local/local-drop.js';
import { groupDrop } from '../../core/drop.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { debriefCommand } from '../hints.js';

export interface GenerateCommandOptions {
  calls: number;
  seed: number;
  out: string;
  /** Where each call's ground truth goes (default: `<out>-truth` beside the drop, never in it). */
  truth?: string;
  /** Turns per call (default: the generator's, a few minutes of talk). */
  turns?: number;
  /** false: transcripts as Transcribe writes them without its PII redaction. */
  redact: boolean;
}

/**
 * `debrief generate`: a drop folder of synthetic calls for `debrief run` (the generator's varied
 * batch: Transcribe Call Analytics transcripts, Genesys records, recording metadata and the
 * users/queues exports; every topic, transfers, holds, outbound calls, the odd toxic remark).
 * The same seed writes the same bytes. Into a folder holding other calls it adds these (`held`:
 * how many the folder holds after).
 */
export const generateCommand = async (
  options: GenerateCommandOptions,
): Promise<{
  calls: number;
  files: number;
  out: string;
  truth: string;
  next: string;
  held: number;
  replaced: number;
}> => {
  const out = resolve(options.out);
  const truth = resolve(options.truth ?? join(dirname(out), `${basename(out)}-truth`));
  const calls = generateCalls(options.seed, options.calls, {
    redact: options.redact,
    ...(options.turns === undefined ? {} : { turns: options.turns }),
  });
  // A call of the same id already in the folder (another seed writes other calls under the same
  // ids) is replaced whole: its files go first, else an old CTR or metadata file of another shape
  // would stay beside the new transcript and mismatch it (found by review).
  const ids = new Set(calls.map((c) => c.callId));
  const before = existsSync(out) ? (await listDropFiles(out)).files : [];
  const replaced = new Set<string>();
  for (const call of groupDrop(before).calls) {
    if (!ids.has(call.callId)) continue;
    replaced.add(call.callId);
    for (const file of [
      call.transcript,
      call.audio,
      call.ctr,
      call.recording,
      ...(call.repeats ?? []).map((r) => r.file),
    ])
      if (file) await rm(join(out, file), { force: true });
  }
  const written = await writeDrop(calls, out, truth);
  // The calls the folder holds now, as `run` reads it (subfolders too): an earlier generate's or
  // drop's calls stay beside these, and `run` processes them all, so say so (found by a new-user trial).
  const held = groupDrop((await listDropFiles(out)).files).calls.length;
  // The next step as typed from the repository, with the folder as the user gave it.
  return {
    calls: calls.length,
    files: written.dropFiles.length,
    out,
    truth,
    next: debriefCommand(['run', options.out]),
    held,
    replaced: replaced.size,
  };
};
