import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';

const run = promisify(execFile);
const help = async (...args: string[]) =>
  (await run('node', [join(REPO, 'bin/debrief.mjs'), ...args, '--help'], { cwd: REPO })).stdout.replace(
    /\s+/g,
    ' ',
  );

describe('help text, as a new user reads it (trial ux12)', () => {
  it('names the next step in the form the README types, and describes every argument', async () => {
    // `debrief` alone is on no PATH after a clone: the README types `npx debrief`
    expect(await help()).toContain('try the pipeline on: then npx debrief run <out>');
    expect(await help('generate')).toContain('try the pipeline on: then npx debrief run <out>');
    // The call id was an argument with no word of what it is
    expect(await help('topics', 'correct')).toContain("call_id the call (its call_id: the drop files' stem)");
    // A required option said so only once left out
    expect(await help('merge-ctr')).toContain(
      '--transcript <file> Transcribe Call Analytics output JSON (required)',
    );
  });
});
