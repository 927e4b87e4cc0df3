import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/paths.js';

const run = promisify(execFile);
const BIN = join(REPO, 'bin', 'debrief.mjs');
const TRACE = join(REPO, 'test', 'helpers', 'trace-imports.mjs');

/** Run `debrief <args>` as users do (bin/debrief.mjs) and list the ES modules the process loaded. */
const loadedBy = async (
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number; ours: string[]; packages: string[] }> => {
  const trace = join(tempDir('trace'), 'modules.txt');
  writeFileSync(trace, '');
  const { stdout, stderr, code } = await run(process.execPath, ['--import', TRACE, BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, DEBRIEF_TRACE_IMPORTS: trace },
  }).then(
    (out) => ({ ...out, code: 0 }),
    // A command that exits 1 (a refusal) loaded what it loaded all the same.
    (error: { stdout: string; stderr: string; code: number }) => error,
  );
  const urls = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  const ours = urls
    .filter((u) => u.startsWith('file:') && !u.includes('/node_modules/'))
    .map((u) => u.slice(`file://${REPO}`.length))
    // Sorted: the load hook sees sibling imports in whatever order they resolve, which varies
    // from run to run (CI once saw pii-modes before pipeline-version); what matters is the set.
    .sort();
  const packages = [
    ...new Set(
      urls
        .filter((u) => u.includes('/node_modules/'))
        .map((u) => {
          const [scope = '', name = ''] = u.split('/node_modules/').pop()?.split('/') ?? [];
          return scope.startsWith('@') ? `${scope}/${name}` : scope;
        }),
    ),
  ].sort();
  return { stdout, stderr, code, ours, packages };
};

/** What only `run` (the workflow and its engines) or `dashboard` may load. */
const HEAVY_PACKAGES = [
  'aws-local-stepfunctions',
  'asl-validator',
  'echarts',
  'obscenity',
  'wink-naive-bayes-text-classifier',
  'wink-nlp-utils',
  'tsx',
  'esbuild',
];
const heavy = (packages: string[]) =>
  packages.filter((p) => HEAVY_PACKAGES.includes(p) || p.startsWith('@aws-sdk/'));

describe('CLI start-up: compiled JavaScript, each command loads only what it uses', () => {
  it('`debrief --help` lists every command and loads no command module, no TypeScript loader', async () => {
    const { stdout, ours, packages } = await loadedBy(['--help']);
    for (const command of ['run', 'watch', 'query', 'compact', 'dashboard', 'serve', 'merge-ctr'])
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    // pii-modes: the --pii-mode choices as plain data (no zod), shared with the Lambda config;
    // reprocess-limits: --concurrency's ceiling, shared with the deploy config.
    expect(ours).toEqual([
      'bin/debrief.mjs',
      'dist/cli/debrief.js',
      'dist/core/pipeline-version.js',
      'dist/schemas/pii-modes.js',
      'dist/schemas/reprocess-limits.js',
    ]);
    expect(packages).toEqual(['commander']);
  });

  it('run straight from source (`npx tsx cli/debrief.ts`) it answers, and the compiled one answers once', async () => {
    const fromSource = await run(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'cli', 'debrief.ts'), '--version'],
      {
        cwd: REPO,
      },
    );
    expect(fromSource.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    const { stdout } = await loadedBy(['--version']);
    expect(stdout.trim()).toBe(fromSource.stdout.trim());
  });

  it('`debrief query` loads the lake reader, not the workflow, the NLP engines, charts or the AWS SDK', async () => {
    const home = tempDir('startup-query');
    const { stdout, ours, packages } = await loadedBy([
      'query',
      'select 42 as answer',
      '--home',
      home,
      '--json',
    ]);
    expect(JSON.parse(stdout)).toEqual([{ answer: 42 }]);
    expect(ours).toContain('dist/cli/commands/query.js');
    expect(ours).toContain('dist/adapters/local/duckdb-lake.js');
    expect(ours.filter((m) => !m.startsWith('dist/') && m !== 'bin/debrief.mjs')).toEqual([]);
    expect(
      ours.filter((m) => /^dist\/(workflows|core\/steps|core\/enrich|cli\/commands\/(?!query))/.test(m)),
    ).toEqual([]);
    expect(heavy(packages)).toEqual([]);
  });

  it('`debrief compact` and `debrief merge-ctr` load neither the workflow nor the NLP engines', async () => {
    const home = tempDir('startup-compact');
    const compact = await loadedBy(['compact', '--home', home]);
    const merge = await loadedBy([
      'merge-ctr',
      '--transcript',
      join(REPO, 'test/fixtures/transcribe/call-analytics-output.json'),
    ]);
    expect(compact.stdout).toMatch(/nothing to compact/);
    expect(JSON.parse(merge.stdout).callId).toBeTruthy();
    for (const { ours, packages } of [compact, merge]) {
      expect(
        ours.filter((m) =>
          /^dist\/(workflows|core\/enrich|adapters\/local\/(topics|toxicity|summary))/.test(m),
        ),
      ).toEqual([]);
      expect(heavy(packages)).toEqual([]);
    }
  });

  it('`debrief run` and `debrief watch` given a folder that is not there, or a file, say so before they load the workflow', async () => {
    const dir = tempDir('startup-folder');
    const file = join(dir, 'call-0001.wav');
    writeFileSync(file, '');
    const answers = await Promise.all([
      loadedBy(['run', join(dir, 'nosuch'), '--home', join(dir, 'home')]),
      loadedBy(['watch', join(dir, 'nosuch'), '--home', join(dir, 'home')]),
      loadedBy(['run', file, '--home', join(dir, 'home')]),
      loadedBy(['watch', file, '--home', join(dir, 'home')]),
    ]);
    expect(answers.map((a) => [a.code, a.stderr.trim()])).toEqual([
      [
        1,
        expect.stringMatching(
          /drop folder .*nosuch does not exist; give the folder to run: npx debrief run <folder>/,
        ),
      ],
      [
        1,
        expect.stringMatching(
          /watching .*nosuch: no such folder; give the folder to watch: npx debrief watch <folder>/,
        ),
      ],
      [
        1,
        expect.stringMatching(
          /call-0001\.wav is a file: debrief run takes a drop folder .*to run this call alone: .*--call call-0001/,
        ),
      ],
      [
        1,
        expect.stringMatching(/call-0001\.wav is a file: debrief watch takes a drop folder .*its folder: /),
      ],
    ]);
    for (const { ours, packages } of answers) {
      expect(
        ours.filter((m) => /^dist\/(workflows|core\/steps|core\/enrich|cli\/commands\/)/.test(m)),
      ).toEqual([]);
      expect(heavy(packages)).toEqual([]);
    }
    // no home made
    expect(existsSync(join(dir, 'home'))).toBe(false);
  });

  it('`debrief topics correct` reads the taxonomy and the lake, not the topic model, its training or the NLP engines (found by a new-user trial: 1.9 s of CPU to record a correction)', async () => {
    // Prepare: a home nothing was processed in (so the call is not there: the answer reads the lake all the same)
    const home = tempDir('startup-correct');
    // Act
    const { stderr, code, ours, packages } = await loadedBy([
      'topics',
      'correct',
      'call-404',
      'billing',
      '--home',
      home,
    ]);
    // Assess
    expect(code).toBe(1);
    expect(stderr).toMatch(/call-404: no such call in the lake of/);
    expect(
      ours.filter((m) =>
        /^dist\/(workflows|eval|core\/enrich\/(topic-model|topics|intents)|adapters\/local\/(topics\/(topic-model-file|local-topic-classifier|topic-calls-file|word-vectors-file)|toxicity|summary))/.test(
          m,
        ),
      ),
    ).toEqual([]);
    expect(heavy(packages)).toEqual([]);
  });

  it('`debrief forget` on a home loads neither the AWS SDK nor the AWS forget (only --aws does)', async () => {
    const home = tempDir('startup-forget');
    const { stderr, code, ours, packages } = await loadedBy(['forget', 'call-404', '--home', home]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no call "call-404" in this home/);
    expect(ours).toContain('dist/cli/commands/forget.js');
    expect(ours.filter((m) => /forget-aws|adapters\/aws\//.test(m))).toEqual([]);
    // (echarts it may: it writes dashboard.html again)
    expect(packages.filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
  });

  it('an edited source is recompiled before it runs; a compile error is reported, not run stale', async () => {
    // Prepare: a copy of the sources the CLI is built from, with the same node_modules
    const copy = tempDir('startup-copy');
    const info = JSON.parse(readFileSync(join(REPO, 'dist', 'build-info.json'), 'utf8')) as {
      sources: string[];
    };
    for (const f of [...info.sources, 'bin/debrief.mjs', 'package.json'])
      cpSync(join(REPO, f), join(copy, f), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
    const debrief = (...args: string[]) => run(process.execPath, [join(copy, 'bin', 'debrief.mjs'), ...args]);
    const source = join(copy, 'cli', 'debrief.ts');
    // Act + assess: no dist/ yet, so the first start builds it
    const first = await debrief('--version');
    expect(first.stderr).toMatch(/no build yet: compiled dist\//);
    expect(existsSync(join(copy, 'dist', 'cli', 'debrief.js'))).toBe(true);
    expect((await debrief('--version')).stderr).toBe('');
    // an edit shows at the next start
    writeFileSync(source, readFileSync(source, 'utf8').replace('Post-call analytics:', 'Edited analytics:'));
    const edited = await debrief('--help');
    expect(edited.stderr).toMatch(/sources changed since the last build: compiled dist/);
    expect(edited.stdout).toMatch(/Edited analytics:/);
    // a new file in a folder a module reads at run time (a dashboard view) is picked up too
    writeFileSync(join(copy, 'dashboards', 'sql', '99-answer.sql'), 'select 42 as answer');
    const home = tempDir('startup-copy-home');
    const view = await debrief('query', 'select * from answer', '--home', home, '--json');
    expect(view.stderr).toMatch(/sources changed since the last build/);
    expect(JSON.parse(view.stdout)).toEqual([{ answer: 42 }]);
    // a syntax error stops the command instead of running the previous build
    writeFileSync(source, `${readFileSync(source, 'utf8')}\nexport const broken = ;\n`);
    await expect(debrief('--help')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot compile the CLI[\s\S]*cli\/debrief\.ts/),
    });
  });
});
