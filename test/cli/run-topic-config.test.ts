import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand, trainTopicsCommand } from '../../cli/commands/topics.js';
import { REPO, tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const STEM = 'call-0004-fraud-report';

/** A drop holding one sample call's transcript. */
const oneCallDrop = (): string => {
  const dir = tempDir('one-call');
  copyFileSync(join(REPO, 'samples', `${STEM}.tca.json`), join(dir, `${STEM}.tca.json`));
  return dir;
};

const statusOf = async (home: string) =>
  queryLake(home, 'select call_id, state from call_status order by updated_at desc limit 1');

describe('debrief run: the topic configuration and partial calls', () => {
  it('a topic model trained on another taxonomy stops the run before any call, naming the fix', async () => {
    // Prepare: a taxonomy with one more topic, and a model trained on it made active
    const home = tempDir('topic-config');
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
    const first = await runDrop({ dir: drop, home, enrichers: down, out: quiet, err: quiet });
    expect(await statusOf(home)).toEqual([{ call_id: STEM, state: 'partial' }]);
    // Act: the engine is back; the same inputs again
    const second = await runDrop({ dir: drop, home, out: quiet, err: quiet });
    const third = await runDrop({ dir: drop, home, out: quiet, err: quiet });
    // Assess: run again once, then unchanged
    expect(first.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    expect(second.calls.map((c) => c.outcome)).toEqual(['succeeded']);
    expect(await statusOf(home)).toEqual([{ call_id: STEM, state: 'processed' }]);
    expect(third.calls.map((c) => c.outcome)).toEqual(['unchanged']);
  });

  it('after topics train, a plain run says which unchanged calls were made with another model', async () => {
    // Prepare: a call processed, then a new model trained with a correction of it
    const home = tempDir('stale-model');
    const drop = oneCallDrop();
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    await correctTopicCommand({ home, callId: STEM, topic: 'billing', out_stream: quiet });
    await trainTopicsCommand({ home, labels: [], activate: true, out_stream: quiet });
    const say = () => {
      const chunks: string[] = [];
      return {
        stream: { write: (t: string) => chunks.push(t) > 0 } as unknown as NodeJS.WritableStream,
        text: () => chunks.join(''),
      };
    };
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
});
