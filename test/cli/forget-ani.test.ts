import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { correctionsFile, readCorrectionRows } from '../../adapters/local/topics/corrections-file.js';
import { forgetCalls, forgetSummary, UnknownCallerError } from '../../cli/commands/forget.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topic-correct.js';
import { trainTopicsCommand } from '../../cli/commands/topics.js';
import { hashAni } from '../../core/ctr/ani-hash.js';
import { once } from '../../core/once.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { COMPANY_DNIS } from '../../generator/people.js';
import { REPO, tempDir } from '../helpers/paths.js';

/**
 * `debrief forget --ani` and what forget leaves of a call in the topic model's data, on a home a
 * real run made (generated calls with their Genesys records), read back through DuckDB.
 */
const KEY = 'c'.repeat(64);
const enrichers = once(() => createLocalEnrichers());
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** The customer's number in a generated call's record (the ani that is not our own line). */
const callerOf = (drop: string, callId: string): string | null => {
  const text = readFileSync(join(drop, `${callId}.ctr.json`), 'utf8');
  const numbers = [...text.matchAll(/"ani":\s*"([^"]+)"/g)].map((m) => m[1] as string);
  return numbers.find((n) => !n.endsWith(COMPANY_DNIS.slice(1))) ?? null;
};

describe('debrief forget --ani, and the topic data of a forgotten call', () => {
  beforeAll(() => {
    vi.stubEnv('DEBRIEF_ANI_HASH_KEY', KEY);
  });

  it("finds a caller's calls by number (dry run: a lookup), erases them, drops their corrections and names the model that learned them", async () => {
    // Prepare: a run of six generated calls; a correction of the caller's call and of another; a model trained on them.
    const drop = tempDir('forget-ani-drop');
    await writeDrop(generateCalls(23, 6), drop, tempDir('forget-ani-truth'));
    const home = tempDir('forget-ani-home');
    await runDrop({ dir: drop, home, enrichers, postProcessors: [], report: false, out: quiet, err: quiet });
    const hashed = await queryLake(
      home,
      'select call_id, ani_hash from calls where ani_hash is not null order by call_id',
    );
    const victim = String(hashed[0]?.call_id);
    const other = String(hashed.find((r) => r.ani_hash !== hashed[0]?.ani_hash)?.call_id);
    const number = callerOf(drop, victim) as string;
    const hash = hashAni(number, KEY);
    expect(hash).toBe(hashed[0]?.ani_hash);
    const callerCalls = hashed.filter((r) => r.ani_hash === hash).map((r) => String(r.call_id));
    // as a person types it: no tel: prefix, spaces and a dash
    const digits = number.replace(/\D/g, '');
    const typed = `+${digits.slice(0, 2)} ${digits.slice(2, 6)}-${digits.slice(6)}`;
    await correctTopicCommand({ home, callId: victim, topic: 'payments', out_stream: quiet });
    await correctTopicCommand({ home, callId: other, topic: 'billing', out_stream: quiet });
    const trained = await trainTopicsCommand({ home, labels: [], activate: true, out_stream: quiet });
    const files = () => readdirSync(home, { recursive: true }).map(String).sort();
    const before = files();
    const corrections = readFileSync(correctionsFile(home), 'utf8');

    // Act: the lookup, a number nobody called from, then the erasure.
    const dry = await forgetCalls({ home, callIds: [], aniNumbers: [typed], dryRun: true, err: quiet });
    const dryText = forgetSummary(dry, home);
    const unknown = forgetCalls({ home, callIds: [], aniNumbers: ['+44 7700 900999'], err: quiet });
    await expect(unknown).rejects.toThrow(UnknownCallerError);
    await expect(unknown).rejects.toThrow(
      /no call in this home has the caller \+44 7700 900999 \(hashed as \+447700900999\)/,
    );
    // the command line's lookup: the ids, the table, exit 0
    const cli = spawnSync(
      'node',
      ['bin/debrief.mjs', 'forget', '--ani', typed, '--dry-run', '--home', home],
      {
        cwd: REPO,
        encoding: 'utf8',
      },
    );
    expect(files()).toEqual(before);
    expect(readFileSync(correctionsFile(home), 'utf8')).toBe(corrections);
    const report = await forgetCalls({ home, callIds: [], aniNumbers: [typed], err: quiet });
    const text = forgetSummary(report, home);

    // Assess: the lookup lists the caller's calls, removes nothing.
    expect(dry.ani).toEqual([{ number: typed, normalized: `+${digits}`, callIds: callerCalls }]);
    expect(dry.calls.map((c) => c.callId)).toEqual(callerCalls);
    expect(dryText).toContain(`caller ${typed} (hashed as +${digits}): ${callerCalls.length} call`);
    expect(dryText).toContain('dry run: nothing was removed');
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`caller ${typed} (hashed as +${digits}): ${callerCalls.length} call`);
    expect(cli.stdout).toMatch(
      new RegExp(`${victim} .*topic corrections \\(rows\\) .*models/topics/corrections.csv .*1`),
    );
    // The erasure: the caller's calls are gone from every view; the others stay.
    expect(report.calls.map((c) => [c.callId, c.tombstone])).toEqual(callerCalls.map((id) => [id, true]));
    expect(await queryLake(home, `select count(*) as n from calls where ani_hash = '${hash}'`)).toEqual([
      { n: 0 },
    ]);
    expect(await queryLake(home, `select call_id from calls where call_id = '${other}'`)).toHaveLength(1);
    // corrections.csv keeps the other call's row only; the report counts the row removed.
    expect(readCorrectionRows(correctionsFile(home)).map((c) => [c.callId, c.topic])).toEqual([
      [other, 'billing'],
    ]);
    expect(report.calls[0]?.traces.find((t) => t.what === 'topic corrections (rows)')?.keys).toHaveLength(1);
    // The active model learned the call's turns: named, with the line that trains one without it.
    expect(report.models).toEqual([{ file: trained.file, active: true, callIds: [victim] }]);
    expect(text).toContain(`warning: the active topic model ${trained.file} learned from ${victim}`);
    expect(text).toContain(`npx debrief topics train --home ${home}`);
    expect(dryText).toContain(`note: the active topic model ${trained.file} learned from ${victim}`);
  }, 240_000);

  it('--ani with --aws is refused: the eraser cannot read the stack’s hash key', () => {
    // Act
    const refused = spawnSync(
      'node',
      ['bin/debrief.mjs', 'forget', '--aws', '--stage', 'production', '--ani', '+447700900123'],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
      },
    );

    // Assess
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--ani goes without --aws');
    expect(refused.stderr).toContain('debrief-production/ani-hash-key');
  }, 120_000);
});
