import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths.js';

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

describe('debrief workbench: the name the README and the run give the page (trial48)', () => {
  it('is an alias of serve, shown in the help; serve still answers', async () => {
    // Act
    const all = await help();
    const workbench = await help('workbench');
    const serve = await help('serve');
    // Assess: `npx debrief workbench` said "error: unknown command 'workbench'" (exit 1)
    expect(all).toMatch(/ serve\|workbench \[options\] the analysts' workbench/);
    expect(workbench).toContain(
      "Usage: debrief serve|workbench [options] the analysts' workbench on 127.0.0.1",
    );
    expect(workbench).toContain('--port <n>');
    expect(serve).toBe(workbench);
  });
});

describe('debrief query --help says what it prints', () => {
  it('the table by default, each value cut as the help says, and --csv/--json in full (the help named no default; --json said "default: false")', async () => {
    // Prepare: a home with nothing processed yet
    const home = join(tempDir('query-help'), 'home');
    mkdirSync(home, { recursive: true });
    const query = async (...args: string[]) =>
      (
        await run('node', [
          join(REPO, 'bin/debrief.mjs'),
          'query',
          "select repeat('x', 100) as long",
          '--home',
          home,
          ...args,
        ])
      ).stdout;
    // Act
    const text = await help('query');
    const table = await query();
    const csv = await query('--csv');
    const json = await query('--json');
    // Assess
    const cut = Number(
      /print its rows as a table, each value cut to (\d+) characters; --csv or --json print every value in full/.exec(
        text,
      )?.[1],
    );
    expect(cut).toBeGreaterThan(0);
    expect(text).not.toMatch(/--(json|csv)[^-]*\(default: false\)/);
    const cell = /│ (x+…) │/.exec(table)?.[1];
    expect(cell).toHaveLength(cut);
    expect(table).toMatch(/\(1 row\)\n$/);
    expect(csv).toBe(`long\n${'x'.repeat(100)}\n`);
    expect(JSON.parse(json)).toEqual([{ long: 'x'.repeat(100) }]);
  }, 60_000);
});
