import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { debriefCommand, shellWord } from '../../cli/hints.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

const sh = promisify(execFile);

/** A printed next step run by a shell as printed, `npx debrief` being this checkout's CLI. */
const runPrinted = (line: string, cwd: string) =>
  sh('sh', ['-c', line.replace(/^npx debrief /, `node ${shellWord(join(REPO, 'bin/debrief.mjs'))} `)], {
    cwd,
  });

describe('next steps the commands print', () => {
  const saved = process.env.DEBRIEF_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.DEBRIEF_HOME;
    else process.env.DEBRIEF_HOME = saved;
  });

  it('are `npx debrief …` (the README form), quoted for the shell, with --home unless it is the default', () => {
    delete process.env.DEBRIEF_HOME;
    expect(debriefCommand(['run', 'drop/'])).toBe('npx debrief run drop/');
    expect(debriefCommand(['query', 'select * from calls'], '.debrief')).toBe(
      'npx debrief query "select * from calls"',
    );
    expect(
      debriefCommand(['query', "select * from call_status where state <> 'processed'"], '/tmp/h 1'),
    ).toBe(`npx debrief query "select * from call_status where state <> 'processed'" --home "/tmp/h 1"`);
    expect(shellWord('say "$HOME"')).toBe(`'say "$HOME"'`);
    expect(shellWord("it's $x")).toBe(`'it'\\''s $x'`);
    // `run` resolves its home: the default one by its full path is still the default (trial12:
    // `npm start` printed `--home /repo/.debrief` after the sample run)
    expect(debriefCommand(['query', 'x'], resolve('.debrief'))).toBe('npx debrief query x');
    expect(debriefCommand(['query', 'x'], resolve('.debrief2'))).toBe(
      `npx debrief query x --home ${shellWord(resolve('.debrief2'))}`,
    );
    process.env.DEBRIEF_HOME = 'elsewhere';
    expect(debriefCommand(['query', 'x'], 'elsewhere')).toBe('npx debrief query x');
    expect(debriefCommand(['query', 'x'], resolve('elsewhere'))).toBe('npx debrief query x');
    expect(debriefCommand(['query', 'x'], '.debrief')).toBe('npx debrief query x --home .debrief');
  });

  it("`run` into a home of one's own prints a query line that runs as printed and reads that home (it named no --home)", async () => {
    // Prepare: a home that is not the default, in a folder with a space in its name
    const home = join(tempDir('next-steps'), 'my home');
    const out = textSink();
    // Act
    await runDrop({ dir: transcriptSampleDrop(), home, out: out.stream, err: textSink().stream });
    const line = /\(query it: (npx debrief [^\n]*)\)\n/.exec(out.text())?.[1];
    // Assess: the printed line, run by a shell from another folder, reads the run's calls
    expect(line).toBe(`npx debrief query "select * from calls" --home "${home}"`);
    const printed = await runPrinted(`${line} --json`, tempDir('next-steps-cwd'));
    expect((JSON.parse(printed.stdout) as unknown[]).length).toBe(3);
    // and, last, the line that opens the workbench on that home (found by trial15: a run named
    // only the dashboard file, not the workbench the README leads with)
    expect(out.text().split('\n').at(-2)).toBe(
      `workbench: npx debrief serve --home "${home}"  (the dashboard with filters, and each call's page: transcript, timeline, audio)`,
    );
  }, 120_000);
});
