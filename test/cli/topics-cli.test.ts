import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { shippedCallLessons } from '../../adapters/local/topics/topic-calls-file.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topic-correct.js';
import { evalTopicsCommand, trainTopicsCommand } from '../../cli/commands/topics.js';
import { buildCli } from '../../cli/debrief.js';
import { InvalidInputError } from '../../core/errors.js';
import { parseLabelledCalls } from '../../eval/labelled-calls.js';
import { DEV_SETS, EVAL_SETS } from '../../eval/sets.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { samplesOracle } from '../helpers/samples.js';

const run = promisify(execFile);

const sink = () => {
  const chunks: string[] = [];
  return {
    stream: { write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WritableStream,
    text: () => chunks.join(''),
  };
};

/** The sample recordings are heard as scripted (this test is about topics, not speech). */
const speech = { recognizer: async () => samplesOracle() };

let home: string;
beforeAll(async () => {
  home = tempDir('topics-cli');
  await runDrop({ dir: join(REPO, 'samples'), home, out: sink().stream, err: sink().stream, speech });
});

/** Three labelled calls in the evaluation format, in no evaluation set. */
const OWN_CALLS = `=== own-1
topic: address_change
outcome: resolved
reason: The customer had moved and wanted the statements sent to the new address.
request: address|moved
A: Good afternoon, Fernhill Bank, how can I help?
C: We've moved house and the statements still go to the flat, can you change it?
A: Of course, I've updated the address on your account.

=== own-2
topic: claims
outcome: follow_up
reason: The customer's parked car was hit by a van and they wanted to make a claim.
request: claim
A: Hello, Brookfield Insurance.
C: A delivery van reversed into my parked car this morning and I'd like to claim on my policy.
A: I've opened a claim; an assessor will be in touch.

=== own-3
topic: none
outcome: none
reason: A caller dialled the wrong number looking for a vet.
request:
A: Fernhill Bank, good morning.
C: Sorry, I was trying to reach the vet's surgery.
A: No problem, wrong number.
`;

describe('debrief topics', () => {
  it('train: labelled calls from a CSV and corrections join the model; the new model is active, its hash in lineage after run', async () => {
    // Prepare: label two sample calls, correct a third
    const calls = (await queryLake(home, 'select call_id from calls order by call_id')).map((r) =>
      String(r.call_id),
    );
    const csv = join(home, 'labels.csv');
    writeFileSync(csv, `call_id,topic\n${calls[0]},billing\n${calls[1]},payments\nno-such-call,claims\n`);
    await correctTopicCommand({ home, callId: calls[2]!, topic: 'cancellation', out_stream: sink().stream });
    const out = sink();
    // Act
    const trained = await trainTopicsCommand({ home, labels: [csv], activate: true, out_stream: out.stream });
    await runDrop({
      dir: join(REPO, 'samples'),
      home,
      reprocess: true,
      out: sink().stream,
      err: sink().stream,
      speech,
    });
    // Assess
    expect(trained.calls).toBe(3);
    expect(out.text()).toMatch(/not in the lake \(skipped\): no-such-call/);
    expect(out.text()).toMatch(/\(1 correction\)/);
    expect(out.text()).toContain(`sha256 ${trained.hash}`);
    // the three labelled calls join the dev sets' calls the default model learns (config/topic-calls.json)
    const shipped = shippedCallLessons(await loadTaxonomy()).calls;
    expect(readFileSync(join(home, 'models', 'topics', 'ACTIVE'), 'utf8').trim()).toMatch(
      new RegExp(`\\+${shipped + 3}calls-[0-9a-f]{12}\\.json$`),
    );
    const [row] = await queryLake(home, `select lineage from calls where call_id = '${calls[0]}'`);
    expect(JSON.parse(String(row!.lineage)).topics).toMatchObject({
      engine: 'local-topic-model',
      modelHash: trained.hash,
    });
  });

  it('train given a dev set the model learns already (dev17) or the same calls twice learns each call once, and says so (found by trial22: dev17 counted twice)', async () => {
    // Prepare: a home of its own (no corrections), dev17 (in DEV_SETS: shipped lessons) and three own calls given twice
    const fresh = tempDir('topics-dev17');
    const own = join(fresh, 'own-calls.txt');
    writeFileSync(own, OWN_CALLS);
    const inDev17 = parseLabelledCalls(readFileSync(EVAL_SETS.dev17, 'utf8'), EVAL_SETS.dev17).length;
    const shipped = shippedCallLessons(await loadTaxonomy()).calls;
    const out = sink();
    const alone = sink();
    // Act
    const trained = await trainTopicsCommand({
      home: fresh,
      labels: [EVAL_SETS.dev17, own, own],
      activate: false,
      out: join(fresh, 'mixed.json'),
      out_stream: out.stream,
    });
    const dev17Only = await trainTopicsCommand({
      home: fresh,
      labels: [EVAL_SETS.dev17],
      activate: false,
      out: join(fresh, 'dev17.json'),
      out_stream: alone.stream,
    });
    // Assess
    expect(inDev17).toBeGreaterThan(0);
    expect(trained.calls).toBe(3);
    expect(out.text()).toContain(
      `labels: ${EVAL_SETS.dev17} (${inDev17} calls; ${inDev17} already among the dev-set calls of config/topic-calls.json, which every model learns: not learned again)\n`,
    );
    expect(out.text()).toContain(`labels: ${own} (3 calls)\n`);
    expect(out.text()).toContain(`labels: ${own} (3 calls; 3 given twice: not learned again)\n`);
    expect(out.text()).toMatch(
      new RegExp(
        `^model \\S+\\+${shipped + 3}calls \\(3 labelled calls and the ${shipped} dev-set calls`,
        'm',
      ),
    );
    expect(dev17Only.calls).toBe(0);
    expect(alone.text()).toMatch(
      /^nothing new to learn: every labelled call is one the model learns anyway/m,
    );
    expect(alone.text()).toMatch(new RegExp(`^model \\S+\\+${shipped}calls \\(0 labelled calls`, 'm'));
  });

  it('train refuses a call given twice with two different topics, naming the call, both topics and both files (leftover of fix22b: the first label was kept silently)', async () => {
    // Prepare: the own calls, and a copy of them under other ids in which own-2 is labelled billing
    const fresh = tempDir('topics-conflict');
    const own = join(fresh, 'own-calls.txt');
    const other = join(fresh, 'relabelled.txt');
    writeFileSync(own, OWN_CALLS);
    writeFileSync(
      other,
      OWN_CALLS.replaceAll('=== own-', '=== mine-').replace('topic: claims', 'topic: billing'),
    );
    // Act
    const refused = trainTopicsCommand({
      home: fresh,
      labels: [own, other],
      activate: false,
      out: join(fresh, 'conflict.json'),
      out_stream: sink().stream,
    });
    const same = await trainTopicsCommand({
      home: fresh,
      labels: [own, own],
      activate: false,
      out: join(fresh, 'same.json'),
      out_stream: sink().stream,
    });
    // Assess: the same labels twice are learned once; two topics for one call are refused
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toThrow(
      `${other}: call mine-2 is labelled billing here and claims in ${own} (as own-2): one topic per call, correct one of the two files`,
    );
    expect(same.calls).toBe(3);
  });

  it("train with a taxonomy of one's own learns dev-set calls relabelled for it (review22: bd35651 skipped them as learned anyway)", async () => {
    // Prepare: the shipped taxonomy with billing renamed invoices; dev17 relabelled to match (the
    // shipped lessons keep no billing examples for it, so these calls are not 'learned anyway')
    const fresh = tempDir('topics-own-taxonomy');
    const topics = join(fresh, 'topics.json');
    writeFileSync(
      topics,
      readFileSync(join(REPO, 'config/topics.json'), 'utf8').replaceAll('"billing"', '"invoices"'),
    );
    const mine = join(fresh, 'mine.txt');
    const relabelled = readFileSync(EVAL_SETS.dev17, 'utf8').replaceAll(
      /^topic: billing$/gm,
      'topic: invoices',
    );
    writeFileSync(mine, relabelled);
    const inDev17 = parseLabelledCalls(relabelled, mine).length;
    const out = sink();
    // Act
    const trained = await trainTopicsCommand({
      home: fresh,
      labels: [mine],
      topics,
      activate: false,
      out: join(fresh, 'mine.json'),
      out_stream: out.stream,
    });
    // Assess
    expect(trained.calls).toBe(inDev17);
    expect(out.text()).not.toContain('already among');
  });

  it('train refuses the held-out evaluation sets (also under another name) and unknown topics', async () => {
    await expect(
      trainTopicsCommand({ home, labels: [EVAL_SETS.frozen], activate: false, out_stream: sink().stream }),
    ).rejects.toThrow(/frozen evaluation set/);
    const copy = join(home, 'my-labels.txt');
    writeFileSync(copy, readFileSync(EVAL_SETS.holdout));
    await expect(
      trainTopicsCommand({ home, labels: [copy], activate: false, out_stream: sink().stream }),
    ).rejects.toThrow(/holdout evaluation set/);
    // so is every other evaluation set outside DEV_SETS (dev51, the toxicity sets)
    const outside = (Object.keys(EVAL_SETS) as (keyof typeof EVAL_SETS)[]).filter(
      (name) => !(DEV_SETS as readonly string[]).includes(name),
    );
    expect(outside).toEqual(expect.arrayContaining(['dev51', 'tox-a', 'tox-b', 'tox-c']));
    for (const name of outside) {
      await expect(
        trainTopicsCommand({ home, labels: [EVAL_SETS[name]], activate: false, out_stream: sink().stream }),
      ).rejects.toThrow(new RegExp(`${name} evaluation set: it is not training data`));
    }
    const csv = join(home, 'bad.csv');
    writeFileSync(csv, 'call_id,topic\nx,weather\n');
    await expect(
      trainTopicsCommand({ home, labels: [csv], activate: false, out_stream: sink().stream }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('topics eval --set offers every topical evaluation set (the list is written out so --help loads no eval module; this keeps it in step with EVAL_SETS)', () => {
    // Prepare
    const topics = buildCli().commands.find((c) => c.name() === 'topics');
    const evalCommand = topics?.commands.find((c) => c.name() === 'eval');
    // Act
    const choices = evalCommand?.options.find((o) => o.long === '--set')?.argChoices;
    // Assess: the toxicity sets have no topics, every other set is offered
    expect(choices).toEqual(Object.keys(EVAL_SETS).filter((name) => !name.startsWith('tox-')));
  });

  it('eval without --set or --labels scores nothing and says which calls it can score (no reporting set by default)', async () => {
    // Act
    const failed = run('node', ['bin/debrief.mjs', 'topics', 'eval', '--home', tempDir('topics-eval-none')], {
      cwd: REPO,
    });
    // Assess: the frozen set is not scored when no set is named
    await expect(failed).rejects.toMatchObject({
      stderr: expect.stringMatching(/say which calls to score: --labels <file>.*--set <name>/),
      stdout: expect.not.stringMatching(/frozen set/),
    });
  });

  it('eval prints accuracy, top 3 and the confusion matrix (through the CLI binary)', async () => {
    const { stdout } = await run(
      'node',
      ['bin/debrief.mjs', 'topics', 'eval', '--set', 'dev', '--home', tempDir('topics-eval')],
      { cwd: REPO },
    );
    expect(stdout).toMatch(/on the dev set \(\d+ calls/);
    expect(stdout).toMatch(/primary topic right\s*│\s*\d+\.\d% \(\d+\/\d+\)/);
    expect(stdout).toMatch(/reference \\ predicted/);
    // columns are numbered, each number written before its topic in its row (no cut names)
    expect(stdout).toMatch(/│ 4 account_access\s+│/);
    expect(stdout).not.toMatch(/acco\.acce/);
    expect(stdout).toMatch(/billing/);
  });

  it('eval scores labelled calls from the lake', async () => {
    const csv = join(home, 'eval.csv');
    const calls = (await queryLake(home, 'select call_id, primary_topic from calls order by call_id')).map(
      (r) => [
        String(r.call_id),
        String(r.call_id)
          .replace(/^call-\d+-/, '')
          .replace(/-/g, '_'),
      ],
    );
    writeFileSync(csv, `call_id,topic\n${calls.map((c) => c.join(',')).join('\n')}\n`);
    const out = sink();
    const result = await evalTopicsCommand({ home, labels: csv, out_stream: out.stream });
    expect(out.text()).toMatch(new RegExp(`${calls.length} labelled calls`));
    // the active model (first test) learned three of these calls from the lake: said, and scored apart
    expect(out.text()).toMatch(
      new RegExp(
        `warning: the model was trained on 3 of these ${calls.length} calls: .* on the other ${calls.length - 3} the primary topic is right on`,
      ),
    );
    expect(result.accuracy).toBeGreaterThan(0.5);
  });

  it('eval --labels reads labelled calls in the evaluation-set format too (the format train reads)', async () => {
    const file = join(home, 'my-calls.txt');
    // a user's own calls (not the dev sets': the default model learned those)
    writeFileSync(file, OWN_CALLS);
    const out = sink();
    const result = await evalTopicsCommand({ home, labels: file, out_stream: out.stream });
    expect(out.text()).toMatch(/on 3 labelled calls from .*my-calls\.txt/);
    expect(out.text()).not.toMatch(/warning/);
    expect(result.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('eval on the calls a model was trained on (under another file name) warns that the score flatters it', async () => {
    const blocks = readFileSync(EVAL_SETS.dev, 'utf8').split(/\n(?==== )/u);
    const trainFile = join(home, 'train.txt');
    writeFileSync(trainFile, `${blocks.slice(0, 4).join('\n')}\n`);
    const model = join(home, 'trained.json');
    await trainTopicsCommand({
      home,
      labels: [trainFile],
      activate: false,
      out: model,
      out_stream: sink().stream,
    });
    // the same calls under another name, ids and all
    const again = join(home, 'again.txt');
    writeFileSync(again, readFileSync(trainFile, 'utf8').replace(/^=== (\S+)/gmu, '=== renamed-$1'));
    const same = sink();
    await evalTopicsCommand({ home, model, labels: again, out_stream: same.stream });
    const others = join(home, 'others.txt');
    writeFileSync(others, OWN_CALLS);
    const other = sink();
    await evalTopicsCommand({ home, model, labels: others, out_stream: other.stream });
    expect(same.text()).toMatch(
      /warning: the model was trained on 3 of these 3 calls: their score flatters it; evaluate on calls it was not trained on/,
    );
    expect(other.text()).not.toMatch(/warning/);
  });

  it('correct refuses a call id the lake does not hold (it would only be skipped at train time)', async () => {
    await expect(
      correctTopicCommand({ home, callId: 'no-such-call', topic: 'billing', out_stream: sink().stream }),
    ).rejects.toThrow(/^no-such-call: no such call in the lake of /);
  });
});
