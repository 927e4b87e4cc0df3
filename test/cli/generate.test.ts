import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths.js';

const run = promisify(execFile);

describe('debrief generate (the README way to make a drop of synthetic calls)', () => {
  it('says when the folder held other calls before, which run then processes too (found by a new-user trial: a second seed into the same folder said "wrote 3 calls" of a folder of 6)', async () => {
    // Prepare
    const dir = tempDir('generate-again');
    const debrief = (...args: string[]) =>
      run('node', [join(REPO, 'bin/debrief.mjs'), ...args], { cwd: dir });
    // Act: two seeds into one folder, then the second again (the same files)
    const first = await debrief('generate', '--calls', '3', '--out', 'g3', '--seed', '7');
    const second = await debrief('generate', '--calls', '3', '--out', 'g3', '--seed', '9');
    const same = await debrief('generate', '--calls', '3', '--out', 'g3', '--seed', '9');
    // Assess
    const g3 = join(dir, 'g3');
    const said = (r: { stdout: string }) => r.stdout.replace(/\(\d+ files\)/, '(N files)');
    expect(said(first)).toBe(
      `wrote 3 calls (N files) to ${g3}; ground truth in ${g3}-truth\nprocess them: npx debrief run g3\n`,
    );
    expect(readdirSync(g3).filter((f) => f.endsWith('.tca.json'))).toHaveLength(6);
    for (const again of [second, same])
      expect(said(again)).toBe(
        `wrote 3 calls (N files) to ${g3} (it now holds 6 calls: 3 were there before, which run processes too); ground truth in ${g3}-truth\nprocess them: npx debrief run g3\n`,
      );
  });

  it('replaces a call of the same id whole (an old CTR of another seed stayed beside the new transcript and mismatched it) and counts calls in subfolders as run does (found by review)', async () => {
    // Prepare
    const dir = tempDir('generate-replace');
    const debrief = (...args: string[]) =>
      run('node', [join(REPO, 'bin/debrief.mjs'), ...args], { cwd: dir });
    // Act: seed 1 then seed 2 into one folder (some ids in both), seed 2 alone into another; then a folder with calls in a subfolder
    await debrief('generate', '--calls', '40', '--out', 'mix', '--seed', '1');
    const second = await debrief('generate', '--calls', '40', '--out', 'mix', '--seed', '2');
    await debrief('generate', '--calls', '40', '--out', 'fresh', '--seed', '2');
    await debrief(
      'generate',
      '--calls',
      '2',
      '--out',
      'nest/sub/old',
      '--seed',
      '3',
      '--truth',
      'nest-truth',
    );
    const nested = await debrief('generate', '--calls', '3', '--out', 'nest', '--seed', '4');
    // Assess: every call seed 2 wrote has exactly its files, and the line says how many were replaced
    const stems = (folder: string) => {
      const byStem = new Map<string, string[]>();
      for (const f of readdirSync(join(dir, folder))) {
        const stem = f.replace(/\.(tca|ctr|recording|wav_call_metadata|truth)\.json$|\.wav$/, '');
        byStem.set(stem, [...(byStem.get(stem) ?? []), f].sort());
      }
      return byStem;
    };
    const fresh = stems('fresh');
    const mix = stems('mix');
    for (const [stem, files] of fresh) if (stem.startsWith('call-')) expect(mix.get(stem)).toEqual(files);
    const said =
      /\(it now holds (\d+) calls: (\d+) were there before, which run processes too; (\d+) of the same ids replaced\)/.exec(
        second.stdout,
      );
    expect(said).not.toBeNull();
    const [held, before, replaced] = said!.slice(1).map(Number) as [number, number, number];
    expect(replaced).toBeGreaterThan(0);
    expect([held, before]).toEqual([80 - replaced, 40 - replaced]);
    expect(nested.stdout).toContain('(it now holds 5 calls: 2 were there before, which run processes too)');
  }, 120_000);

  it('writes a drop that `debrief run` processes, every call landing, the truth kept apart; the same seed writes the same drop', async () => {
    // Prepare
    const dir = tempDir('generate');
    const debrief = (...args: string[]) =>
      run('node', [join(REPO, 'bin/debrief.mjs'), ...args], { cwd: dir });

    // Act: the README's commands, from a folder of the analyst's own
    const made = await debrief('generate', '--calls', '24', '--out', 'drop/');
    const ran = await debrief('run', 'drop/', '--home', 'home');
    const query = await debrief(
      'query',
      "select (select count(*) from calls) as calls, (select count(*) from call_status) as dropped, (select count(distinct coalesce(primary_topic, 'none')) from calls) as topics",
      '--home',
      'home',
      '--json',
    );
    const again = await debrief('generate', '--calls', '24', '--out', 'drop2');

    // Assess
    expect(made.stdout).toContain('wrote 24 calls');
    // The next step as the README has it typed from the repository (found by trial ux12: it said
    // `debrief run`, which no install puts on the PATH, where `run` said `npx debrief query`)
    expect(made.stdout).toContain('process them: npx debrief run drop/\n');
    const files = readdirSync(join(dir, 'drop'));
    expect(files.filter((f) => f.endsWith('.tca.json'))).toHaveLength(24);
    expect(files.some((f) => f.includes('truth'))).toBe(false);
    expect(readdirSync(join(dir, 'drop-truth'))).toHaveLength(24);
    expect(again.stdout).toContain('wrote 24 calls');
    expect(readdirSync(join(dir, 'drop2')).sort()).toEqual([...files].sort());
    expect(ran.stdout).toMatch(/lake: /);
    const [counts] = JSON.parse(query.stdout) as { calls: number; dropped: number; topics: number }[];
    // A few generated records are voiceless or missing: those calls land too, without a journey.
    expect(counts).toMatchObject({ calls: 24, dropped: 24 });
    expect(counts?.topics).toBeGreaterThan(5);
  }, 240_000);

  it("the folders the README's lines write in the repository (the drop, its truth, the generated calls' home) are ignored by git (found by trial21: `git status` showed drop/ and drop-truth/ untracked)", async () => {
    // Prepare: the names as the README has them
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const out = /npx debrief generate [^\n#]*--out (\S+?)\/?\s/.exec(readme)?.[1];
    const home = /npx debrief run \S+ --home (\w+)`/.exec(readme)?.[1];
    const own = /npx debrief run \S+ --home\s+(\.debrief-\w+)`/.exec(readme)?.[1]; // run's "a home of its own"
    expect([out, home, own]).toEqual(['drop', 'gen', '.debrief-drop']);
    const written = [
      `${out}/call-0001.tca.json`,
      `${out}-truth/call-0001.json`,
      `${home}/lake/x.parquet`,
      `${own}/lake/x.parquet`,
    ];
    // Act: which of them git would ignore (exit 1 when none)
    const ignored = await run('git', ['check-ignore', ...written], { cwd: REPO }).then(
      (r) => r.stdout,
      (e: { stdout: string }) => e.stdout,
    );
    // Assess
    expect(ignored.split('\n').filter(Boolean)).toEqual(written);
  });
});
