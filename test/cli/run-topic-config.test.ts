import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topic-correct.js';
import { trainTopicsCommand } from '../../cli/commands/topics.js';
import { REPO, tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const STEM = 'call-0004-fraud-report';

/** A drop holding one sample call's transcript. */
const oneCallDrop = (): string => {
  const dir = tempDir('one-call');
  copyFileSync(join(REPO, 'samples', `${STEM}.tca.json`), join(dir, `${STEM}.tca.json`));
  return dir;
};

const say = () => {
  const chunks: string[] = [];
  return {
    stream: { write: (t: string) => chunks.push(t) > 0 } as unknown as NodeJS.WritableStream,
    text: () => chunks.join(''),
  };
};

/**
 * A home whose active topic model was trained on a taxonomy of the user's own (the shipped one and
 * a loyalty_rewards topic), kept at `custom`.
 */
const ownTaxonomyHome = async (name: string) => {
  const home = tempDir(name);
  const taxonomy = JSON.parse(readFileSync(join(REPO, 'config', 'topics.json'), 'utf8'));
  taxonomy.topics.push({
    id: 'loyalty_rewards',
    label: 'loyalty rewards',
    description: 'Points, miles and rewards programme questions.',
    examples: ['how many reward points do I have', 'my miles never posted to the rewards account'],
  });
  const custom = join(home, 'my-topics.json');
  writeFileSync(custom, JSON.stringify(taxonomy));
  await trainTopicsCommand({ home, labels: [], topics: custom, activate: true, out_stream: quiet });
  return { home, custom };
};

const statusOf = async (home: string) =>
  queryLake(home, 'select call_id, state from call_status order by updated_at desc limit 1');

describe('debrief run: the topic configuration and partial calls', () => {
  it('a topic model trained on another taxonomy stops the run before any call, naming the fix', async () => {
    // Prepare: a taxonomy with one more topic, and a model trained on it made active
    const { home, custom } = await ownTaxonomyHome('topic-config');
    const drop = oneCallDrop();
    // Act + Assess: without --topics the run stops; nothing was processed
    await expect(runDrop({ dir: drop, home, out: quiet, err: quiet })).rejects.toThrow(
      /trained on other topics .*pass the taxonomy it was trained on \(--topics\)/,
    );
    expect(await queryLake(home, 'select count(*) as n from call_status')).toEqual([{ n: 0 }]);
    // with the taxonomy it was trained on, the call lands processed
    const ok = await runDrop({ dir: drop, home, topicsFile: custom, out: quiet, err: quiet });
    expect(ok.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    expect(await statusOf(home)).toEqual([{ call_id: STEM, state: 'processed' }]);
  });

  it('a partial call (an AI step failed) runs again on the next run without --reprocess', async () => {
    // Prepare: a run whose summary engine is down
    const home = tempDir('partial-retry');
    const drop = oneCallDrop();
    const down = async () => {
      const engines = await createLocalEnrichers();
      return {
        ...engines,
        summarizer: {
          summarize: async () => {
            throw new Error('summary engine unavailable');
          },
          lineage: () => ({ engine: 'down', version: '0', model: null, promptHash: null, note: null }),
        },
      };
    };
    const firstSaid = say();
    const first = await runDrop({ dir: drop, home, enrichers: down, out: quiet, err: firstSaid.stream });
    expect(await statusOf(home)).toEqual([{ call_id: STEM, state: 'partial' }]);
    // Act: the engine is back; the same inputs again
    const secondSaid = say();
    const second = await runDrop({ dir: drop, home, out: quiet, err: secondSaid.stream });
    const third = await runDrop({ dir: drop, home, out: quiet, err: quiet });
    // Assess: run again once, then unchanged
    expect(first.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    expect(second.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    expect(await statusOf(home)).toEqual([{ call_id: STEM, state: 'processed' }]);
    expect(third.calls.map((c) => c.outcome)).toEqual(['unchanged']);
    // progress says how each run landed the call, as the table does (it said "succeeded" both times)
    expect([first.calls[0]?.landed, second.calls[0]?.landed]).toEqual(['partial', 'processed']);
    expect(firstSaid.text()).toContain(`[1/1] ${STEM}: partial`);
    expect(secondSaid.text()).toContain(`[1/1] ${STEM}: processed`);
  });

  it('after topics train, a plain run says which unchanged calls were made with another model', async () => {
    // Prepare: a call processed, then a new model trained with a correction of it
    const home = tempDir('stale-model');
    const drop = oneCallDrop();
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    await correctTopicCommand({ home, callId: STEM, topic: 'billing', out_stream: quiet });
    await trainTopicsCommand({ home, labels: [], activate: true, out_stream: quiet });
    // Act
    const plain = say();
    const again = await runDrop({ dir: drop, home, out: quiet, err: plain.stream });
    const redo = say();
    await runDrop({ dir: drop, home, reprocess: true, out: quiet, err: redo.stream });
    const after = say();
    await runDrop({ dir: drop, home, out: quiet, err: after.stream });
    // Assess
    expect(again.calls.map((c) => c.outcome)).toEqual(['unchanged']);
    expect(plain.text()).toMatch(
      /note: 1 unchanged call\(s\) were made with another topic model .*--reprocess/,
    );
    expect(redo.text()).not.toMatch(/unchanged call/);
    expect(after.text()).not.toMatch(/unchanged call/);
  });

  it('the lines a run and topics correct print to run calls again keep the --topics they were given (trial18)', async () => {
    // Prepare: a taxonomy of the user's own (one more topic), a model trained on it, a call run with it
    const { home, custom } = await ownTaxonomyHome('own-taxonomy-lines');
    const drop = oneCallDrop();
    await runDrop({ dir: drop, home, topicsFile: custom, out: quiet, err: quiet });
    // Act: a correction to the new topic, a model trained again, a plain run
    const told = say();
    await correctTopicCommand({
      home,
      callId: STEM,
      topic: 'loyalty_rewards',
      topics: custom,
      out_stream: told.stream,
    });
    await trainTopicsCommand({ home, labels: [], topics: custom, activate: true, out_stream: quiet });
    const plain = say();
    await runDrop({ dir: drop, home, topicsFile: custom, out: quiet, err: plain.stream });
    // Assess: every printed line names the taxonomy (without it the run stops: another taxonomy's model)
    expect(told.text()).toContain(
      `npx debrief run ${drop} --reprocess --call ${STEM} --topics ${custom} --home ${home} applies it now; npx debrief topics train --topics ${custom} --home ${home} teaches it`,
    );
    expect(plain.text()).toContain(
      `npx debrief run ${drop} --reprocess --topics ${custom} --home ${home} makes them again`,
    );
    expect(plain.text()).toContain(
      `npx debrief run ${drop} --reprocess --call ${STEM} --topics ${custom} --home ${home} applies it`,
    );
    // and the printed line runs: the correction lands
    await runDrop({
      dir: drop,
      home,
      reprocess: true,
      onlyCalls: [STEM],
      topicsFile: custom,
      out: quiet,
      err: quiet,
    });
    expect(await queryLake(home, 'select primary_topic, topic_source from calls')).toEqual([
      { primary_topic: 'loyalty_rewards', topic_source: 'correction' },
    ]);
  });

  it("an analyst's correction is the call's primary topic from its next run; the model's answer stays in lineage", async () => {
    // Prepare: a call processed; what the model said
    const home = tempDir('corrected');
    const drop = oneCallDrop();
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    const [model] = await queryLake(home, 'select primary_topic, primary_topic_score from calls');
    const said = `${model!.primary_topic} (${Number(model!.primary_topic_score).toFixed(2)})`;
    const wanted = model!.primary_topic === 'billing' ? 'payments' : 'billing';
    const told = say();
    await correctTopicCommand({
      home,
      callId: STEM,
      topic: wanted,
      now: '2026-11-30T09:15:00.000Z',
      out_stream: told.stream,
    });
    // Act: a plain run (the call is unchanged), then a reprocess
    const plain = say();
    await runDrop({ dir: drop, home, out: quiet, err: plain.stream });
    const before = await queryLake(home, 'select primary_topic from calls');
    await runDrop({ dir: drop, home, reprocess: true, out: quiet, err: quiet });
    // Assess: the correction wins, with score 1; the model's answer is in the topics lineage's note
    expect(before).toEqual([{ primary_topic: model!.primary_topic }]);
    const [row] = await queryLake(home, 'select primary_topic, primary_topic_score, lineage from calls');
    expect(row).toMatchObject({ primary_topic: wanted, primary_topic_score: 1 });

    expect(JSON.parse(String(row!.lineage)).topics).toMatchObject({
      engine: 'local-topic-model',
      note: `corrected by an analyst on 2026-11-30; the model said ${said}`,
    });
    expect(told.text()).toMatch(
      new RegExp(
        `shows ${model!.primary_topic} until its next run, then ${wanted}.*: npx debrief run ${drop} --reprocess --call ${STEM} --home ${home} applies it now`,
      ),
    );
    expect(plain.text()).toMatch(
      /note: 1 unchanged call\(s\) have an analyst's topic correction not applied yet \(call-0004-fraud-report\); npx debrief run \S+ --reprocess --call call-0004-fraud-report --home \S+ applies it/,
    );
    const topics = await queryLake(home, 'select topic, rank from call_topics order by rank');
    expect(topics[0]).toEqual({ topic: wanted, rank: 1 });
    expect(topics.slice(1).map((t) => t.topic)).toContain(model!.primary_topic);
    // a plain run after the reprocess has nothing to say about corrections
    const after = say();
    await runDrop({ dir: drop, home, out: quiet, err: after.stream });
    expect(after.text()).not.toMatch(/correction/);
  });

  it('a correction to none leaves the call without a topic; the latest correction of a call wins', async () => {
    // Prepare
    const home = tempDir('corrected-none');
    const drop = oneCallDrop();
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    const [model] = await queryLake(home, 'select primary_topic from calls');
    await correctTopicCommand({
      home,
      callId: STEM,
      topic: 'billing',
      now: '2026-11-29T10:00:00Z',
      out_stream: quiet,
    });
    await correctTopicCommand({
      home,
      callId: STEM,
      topic: 'none',
      now: '2026-11-30T10:00:00Z',
      out_stream: quiet,
    });
    // Act
    await runDrop({ dir: drop, home, reprocess: true, out: quiet, err: quiet });
    // Assess
    const [row] = await queryLake(
      home,
      'select primary_topic, primary_topic_score, topics_status, lineage from calls',
    );
    expect(row).toMatchObject({ primary_topic: null, primary_topic_score: null, topics_status: 'ok' });
    expect(JSON.parse(String(row!.lineage)).topics.note).toMatch(
      new RegExp(
        `^corrected by an analyst on 2026-11-30; the model said ${model!.primary_topic} \\(0\\.\\d\\d\\)$`,
      ),
    );
    expect(await queryLake(home, 'select count(*) as n from call_topics')).toEqual([{ n: 0 }]);
    // the model still learns from it: `none` teaches background talk
    const out = say();
    await trainTopicsCommand({ home, labels: [], activate: true, out_stream: out.stream });
    expect(out.text()).toMatch(/\(1 correction\)/);
  });

  it('correct refuses a topic the taxonomy does not have, naming the known ones and none', async () => {
    const home = tempDir('corrected-unknown');
    await runDrop({ dir: oneCallDrop(), home, out: quiet, err: quiet });
    await expect(
      correctTopicCommand({ home, callId: STEM, topic: 'fraud', out_stream: quiet }),
    ).rejects.toThrow(/unknown topic\(s\) fraud; known: billing, .*, none/);
  });
});
