import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import type { RunSummary } from '../../cli/commands/run.js';
import { watchDrop } from '../../cli/commands/watch.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const until = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
};

describe('debrief watch', () => {
  it('processes a call when its files land, and a late CTR reprocesses it', async () => {
    // Prepare
    const drop = tempDir('watch-drop');
    const home = tempDir('watch-home');
    const batches: RunSummary[] = [];
    const watcher = watchDrop({
      dir: drop,
      home,
      settleMs: 200,
      out: quiet,
      err: quiet,
      onBatch: (s) => batches.push(s),
    });
    const samples = join(REPO, 'samples');
    const stem = 'call-0004-fraud-report';
    try {
      // Act 1: the transcript arrives alone
      copyFileSync(join(samples, `${stem}.tca.json`), join(drop, `${stem}.tca.json`));
      await until(async () => (await queryLake(home, 'select count(*) as n from calls'))[0]?.n === 1);
      await watcher.idle();
      const first = await queryLake(home, 'select ctr_status from calls');
      // Act 2: its CTR and recording metadata arrive later
      for (const f of readdirSync(samples).filter((f) => f.startsWith(stem) && !f.endsWith('.tca.json'))) {
        copyFileSync(join(samples, f), join(drop, f));
      }
      await until(
        async () => (await queryLake(home, 'select ctr_status from calls'))[0]?.ctr_status === 'matched',
      );
      await watcher.idle();
      // Assess
      expect(first).toEqual([{ ctr_status: 'missing' }]);
      expect(await queryLake(home, 'select call_id, ctr_status, agent_count from calls')).toEqual([
        // call-0004 is a blind transfer: two agents, both named by the late CTR.
        { call_id: stem, ctr_status: 'matched', agent_count: 2 },
      ]);
      expect(await queryLake(home, 'select count(*) as n from call_status')).toEqual([{ n: 1 }]);
      expect(batches.flatMap((b) => b.calls.map((c) => c.outcome))).toContain('succeeded');
    } finally {
      await watcher.close();
    }
  });

  it('`debrief watch` from the command line processes a file that lands (the CLI passes no onBatch)', async () => {
    // Prepare
    const drop = tempDir('watch-cli-drop');
    const home = tempDir('watch-cli-home');
    const child = spawn(
      'node',
      ['bin/debrief.mjs', 'watch', drop, '--home', home, '--settle-ms', '200', '--pii-mode', 'strict'],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const stem = 'call-0004-fraud-report';
    try {
      // Act
      copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(drop, `${stem}.tca.json`));
      await until(async () => out.includes(stem) && out.includes('lake:'), 90_000);
      // Assess: the call landed, with the processing option the command line gave
      expect(
        await queryLake(home, `select call_id, json_extract_string(lineage, '$.pii.note') as pii from calls`),
      ).toEqual([{ call_id: stem, pii: 'mode=strict' }]);
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  }, 120_000);

  it('reports each batch by the calls that ran in it, not every unchanged call of the folder again', async () => {
    // Prepare
    const drop = tempDir('watch-report-drop');
    const home = tempDir('watch-report-home');
    const out = textSink();
    const err = textSink();
    const batches: RunSummary[] = [];
    const watcher = watchDrop({
      dir: drop,
      home,
      settleMs: 200,
      out: out.stream,
      err: err.stream,
      onBatch: (s) => batches.push(s),
    });
    const samples = join(REPO, 'samples');
    const [a, b] = ['call-0005-technical-support', 'call-0004-fraud-report'];
    try {
      copyFileSync(join(samples, `${a}.tca.json`), join(drop, `${a}.tca.json`));
      await until(async () => batches.some((s) => s.calls.some((c) => c.callId === a)));
      await watcher.idle();
      const before = { out: out.text().length, err: err.text().length };
      // Act: a second call lands
      copyFileSync(join(samples, `${b}.tca.json`), join(drop, `${b}.tca.json`));
      await until(async () => batches.some((s) => s.calls.some((c) => c.callId === b)));
      await watcher.idle();
      // Assess: the second batch shows the new call, and says the other one is unchanged only once
      const second = { out: out.text().slice(before.out), err: err.text().slice(before.err) };
      expect(second.out).toContain(`│ ${b} `);
      expect(second.out).not.toContain(a);
      expect(second.err).not.toContain(`${a}: unchanged`);
      expect(second.err).toContain('1 call unchanged');
    } finally {
      await watcher.close();
    }
  });
});
