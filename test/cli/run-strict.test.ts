import { execFile } from 'node:child_process';
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type RunSummary, runDrop, strictIssues } from '../../cli/commands/run.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';

const run = promisify(execFile);
const GOOD = 'call-0006-address-change';

/** The command's exit status, stdout and stderr (execFile rejects on a status other than 0). */
const debrief = async (args: string[]): Promise<{ code: number; stderr: string }> => {
  try {
    const r = await run('node', ['bin/debrief.mjs', ...args], { cwd: REPO });
    return { code: 0, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: e.code ?? -1, stderr: e.stderr ?? '' };
  }
};

describe('debrief run --strict (exit status 2 when a call did not land whole)', () => {
  it('exits 2 naming the quarantined call, on the run that quarantined it and on the next (unchanged, still quarantined); without --strict 0; a clean drop 0 (a developer trial: a scheduled job could not tell a quarantine from success)', async () => {
    // Prepare: a drop with a good call and a broken transcript, and one with the good call alone
    const drop = tempDir('strict-drop');
    const clean = tempDir('strict-clean');
    const home = join(tempDir('strict-home'), 'home');
    copyFileSync(join(REPO, 'samples', `${GOOD}.tca.json`), join(drop, `${GOOD}.tca.json`));
    copyFileSync(join(REPO, 'samples', `${GOOD}.tca.json`), join(clean, `${GOOD}.tca.json`));
    writeFileSync(join(drop, 'broken.tca.json'), '{ "JobName": "x", not json');
    // Act
    const first = await debrief(['run', drop, '--home', home, '--strict']);
    const lenient = await debrief(['run', drop, '--home', home]);
    const again = await debrief(['run', drop, '--home', home, '--strict']);
    const whole = await debrief(['run', clean, '--home', join(tempDir('strict-home2'), 'home'), '--strict']);
    // Assess
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('debrief run --strict: exit status 2: 1 quarantined (broken)\n');
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).not.toContain('--strict');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'debrief run --strict: exit status 2: 1 still quarantined (unchanged) (broken)\n',
    );
    expect(whole.code).toBe(0);
    expect(whole.stderr).not.toContain('--strict');
  }, 240_000);

  it('counts partial landings, rejected drops, files of no call and calls still rejected, each kind once, five ids at most', () => {
    // Prepare
    const call = (
      callId: string,
      outcome: RunSummary['calls'][number]['outcome'],
      landed?: 'processed' | 'partial',
    ) =>
      ({
        callId,
        executionName: callId,
        outcome,
        landed,
        statesRun: [],
        error: null,
      }) as RunSummary['calls'][number];
    const summary: RunSummary = {
      calls: [
        call('a', 'succeeded', 'processed'),
        call('b', 'succeeded', 'partial'),
        call('c', 'rejected'),
        call('d', 'unchanged'),
        ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((id) => call(id, 'quarantined')),
      ],
      unknownFiles: ['notes.txt'],
      skippedEntries: ['archive/'],
      duplicateFiles: ['b.TCA.json'],
      notices: [],
      failed: 0,
      waiting: [],
      awaiting: [],
      stillQuarantined: [],
      stillRejected: ['e'],
    };
    // Act
    const issues = strictIssues(summary);
    const none = strictIssues({
      ...summary,
      calls: [call('a', 'succeeded', 'processed')],
      unknownFiles: [],
      skippedEntries: [],
      stillRejected: [],
    });
    // Assess
    expect(issues).toEqual([
      '7 quarantined (q1, q2, q3, q4, q5, … 2 more)',
      '1 rejected (c)',
      '1 partial (an AI step failed) (b)',
      '1 still rejected (unchanged) (e)',
      '1 file(s) not a call file, ignored (notes.txt)',
      '1 folder entry(ies) not read (unreadable, or a broken or folder link) (archive/)',
    ]);
    expect(none).toEqual([]);
  });

  it('a run in process returns the calls still quarantined from an earlier run, with the report or without (a review: only the report found them)', async () => {
    // Prepare
    const drop = tempDir('strict-inproc');
    const home = join(tempDir('strict-inproc-home'), 'home');
    copyFileSync(join(REPO, 'samples', `${GOOD}.tca.json`), join(drop, `${GOOD}.tca.json`));
    writeFileSync(join(drop, 'broken.tca.json'), '{ "JobName": "x", not json');
    // Act
    const first = await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const second = await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const quiet = await runDrop({
      dir: drop,
      home,
      report: false,
      out: textSink().stream,
      err: textSink().stream,
    });
    // Assess
    expect(first.stillQuarantined).toEqual([]);
    expect(strictIssues(first)).toEqual(['1 quarantined (broken)']);
    expect(second.stillQuarantined).toEqual(['broken']);
    expect(strictIssues(second)).toEqual(['1 still quarantined (unchanged) (broken)']);
    expect(quiet.stillQuarantined).toEqual(['broken']);
  }, 120_000);

  it('counts a folder entry it could not read, where calls may be (a broken link, a link to a folder), but not under --call (a review: exit 0 with calls never looked at)', async () => {
    // Prepare
    const drop = tempDir('strict-links');
    const home = join(tempDir('strict-links-home'), 'home');
    copyFileSync(join(REPO, 'samples', `${GOOD}.tca.json`), join(drop, `${GOOD}.tca.json`));
    symlinkSync(join(drop, 'gone', 'call-9.tca.json'), join(drop, 'call-9.tca.json'));
    symlinkSync(tempDir('strict-elsewhere'), join(drop, 'archive'));
    // Act
    const all = await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const one = await runDrop({
      dir: drop,
      home,
      onlyCalls: [GOOD],
      out: textSink().stream,
      err: textSink().stream,
    });
    // Assess
    expect(all.skippedEntries).toEqual(['archive', 'call-9.tca.json']);
    expect(strictIssues(all)).toEqual([
      '2 folder entry(ies) not read (unreadable, or a broken or folder link) (archive, call-9.tca.json)',
    ]);
    expect(one.skippedEntries).toEqual([]);
    expect(strictIssues(one)).toEqual([]);
  }, 120_000);
});
