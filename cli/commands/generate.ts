import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
): Promise<{ calls: number; files: number; out: string; truth: string; next: string; held: number }> => {
  const out = resolve(options.out);
  const truth = resolve(options.truth ?? join(dirname(out), `${basename(out)}-truth`));
  const calls = generateCalls(options.seed, options.calls, {
    redact: options.redact,
    ...(options.turns === undefined ? {} : { turns: options.turns }),
  });
  const written = await writeDrop(calls, out, truth);
  // The calls the folder holds now: an earlier generate (another seed or count) or drop's calls
  // stay beside these, and `run` processes them all, so say so (found by a new-user trial).
  const held = groupDrop(readdirSync(out)).calls.length;
  // The next step as typed from the repository, with the folder as the user gave it.
  return {
    calls: calls.length,
    files: written.dropFiles.length,
    out,
    truth,
    next: debriefCommand(['run', options.out]),
    held,
  };
};
