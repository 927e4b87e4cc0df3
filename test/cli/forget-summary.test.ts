import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ForgetReport,
  type ForgottenCall,
  forgetCalls,
  forgetSummary,
} from '../../cli/commands/forget.js';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { transcriptSampleDrop } from '../helpers/samples.js';
import { textSink } from '../helpers/text-sink.js';

/** The line `debrief forget` prints after its table (found by trial11: "1 calls", "forgot 1 call" for nothing). */
const call = (callId: string, stateBefore: string | null, traces = 1): ForgottenCall => ({
  callId,
  stateBefore,
  traces: Array.from({ length: traces }, () => ({
    what: 'execution record',
    where: 'executions/<call>.json',
    keys: ['k'],
  })),
  lakeRows: {},
  tombstone: stateBefore !== 'forgotten',
});
const report = (calls: ForgottenCall[], dryRun = false): ForgetReport => ({
  calls,
  ani: [],
  models: [],
  dryRun,
  dashboard: dryRun ? null : '/home/dashboard.html',
});

describe('forgetSummary', () => {
  it('counts one call in the singular on a dry run', () => {
    expect(forgetSummary(report([call('a', 'processed')], true))).toBe(
      'dry run: nothing was removed (1 call)\n',
    );
    expect(forgetSummary(report([call('a', 'processed'), call('b', 'quarantined')], true))).toBe(
      'dry run: nothing was removed (2 calls)\n',
    );
  });

  it('does not report a call forgotten again as forgotten now', () => {
    const text = forgetSummary(report([call('a', 'forgotten', 0)]));
    expect(text).toBe('already forgotten, nothing left to remove: a\n');
  });

  it('counts only the calls this forget erased, and names the ones already gone', () => {
    const text = forgetSummary(report([call('a', 'processed'), call('b', 'forgotten', 0)]));
    expect(text).toMatch(/^forgot 1 call: no view or query shows it any more;/);
    expect(text).toContain('/home/dashboard.html rewritten');
    expect(text).toMatch(/Already forgotten, nothing left to remove: b\.\n$/);
  });

  it('counts a call an earlier forget left half-way (files still there) as forgotten now', () => {
    expect(forgetSummary(report([call('a', 'forgotten', 2)]))).toMatch(/^forgot 1 call:/);
  });

  it('names the home in its compact line when it is not the default (trial12), so the line runs as printed', () => {
    const saved = process.env.DEBRIEF_HOME;
    delete process.env.DEBRIEF_HOME;
    try {
      expect(forgetSummary(report([call('a', 'processed')]), '/tmp/other home')).toContain(
        '; `npx debrief compact --home "/tmp/other home"` removes the rows',
      );
      expect(forgetSummary(report([call('a', 'processed')]), '.debrief')).toContain(
        '; `npx debrief compact` removes the rows',
      );
    } finally {
      if (saved !== undefined) process.env.DEBRIEF_HOME = saved;
    }
  });
});

describe("forget names the drop folder to delete the call's files from", () => {
  it('the folder its execution record says it was last run from, per call', async () => {
    // Prepare: the sample transcripts run into a home
    const drop = transcriptSampleDrop();
    const home = tempDir('forget-where');
    await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    // Act
    const one = await forgetCalls({ home, callIds: ['call-0004-fraud-report'], err: textSink().stream });
    const two = await forgetCalls({
      home,
      callIds: ['call-0005-technical-support', 'call-0006-address-change'],
      err: textSink().stream,
    });
    // Assess
    expect(one.calls.map((c) => c.dropFolder)).toEqual([resolve(drop)]);
    expect(forgetSummary(one, home)).toContain(
      `Files in your drop folders are not touched: delete the call's files there too (in ${drop}), or the next run`,
    );
    expect(forgetSummary(two, home)).toContain(
      `delete the call's files there too (call-0005-technical-support, call-0006-address-change in ${drop}), or`,
    );
    // a call whose record names no folder (an earlier version's) keeps the general line
    expect(forgetSummary({ ...one, calls: [call('a', 'processed')] })).toContain(
      "delete the call's files there too, or the next run",
    );
  });
});
