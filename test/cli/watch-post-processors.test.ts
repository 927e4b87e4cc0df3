import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../cli/commands/run.js';
import { watchDrop } from '../../cli/commands/watch.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';
import { until } from '../helpers/until.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const count = (text: string, part: string) => text.split(part).length - 1;
const tag = (name: string, version: string): PostProcessor => ({
  name,
  version,
  process: (doc) => ({ ...doc, categories: [...doc.categories, name] }),
});
const land = (drop: string, stem: string) =>
  copyFileSync(join(REPO, 'samples', `${stem}.tca.json`), join(drop, `${stem}.tca.json`));

describe('debrief watch and its post-processors', () => {
  it('says once that an edit of post-processors/ is not used by the running watch, and how to use it (found by trial: a version bump was silently ignored)', async () => {
    // Prepare: a watch started with the processors of a source folder, one call run
    const processors = tempDir('watch-pp-source');
    writeFileSync(join(processors, 'index.ts'), "export const version = '1.0.0';\n");
    const drop = tempDir('watch-pp-drop');
    const home = tempDir('watch-pp-home');
    const err = textSink();
    const batches: RunSummary[] = [];
    const watcher = watchDrop({
      dir: drop,
      home,
      settleMs: 200,
      out: quiet,
      err: err.stream,
      postProcessors: [tag('vip', '1.0.0')],
      postProcessorsDir: processors,
      onBatch: (s) => batches.push(s),
    });
    const notice = `notice: ${processors}/ changed since this watch started: the running watch keeps the post-processors it started with for every call it runs; to use the new ones, restart it (Ctrl-C, then the same command). Calls it already ran keep their results until run again: npx debrief run ${drop} --reprocess --home ${home}\n`;
    try {
      land(drop, 'call-0004-fraud-report');
      await until(() => batches.some((b) => b.calls.length > 0));
      await watcher.idle();
      const before = err.text();
      // Act: the source is edited, then two more calls land, one after the other
      writeFileSync(join(processors, 'index.ts'), "export const version = '1.1.0';\n");
      await until(() => err.text().includes('notice: '));
      land(drop, 'call-0006-address-change');
      await until(() => batches.filter((b) => b.calls.length > 0).length >= 2);
      await watcher.idle();
      mkdirSync(join(processors, 'more'));
      writeFileSync(join(processors, 'more', 'x.ts'), 'export {};\n');
      await new Promise((r) => setTimeout(r, 1500));
      const afterMore = err.text();
      // Assess: said once, not before the edit, nor again while the source stays changed
      expect(before).not.toContain('changed since this watch started');
      expect(count(afterMore, notice)).toBe(1);
    } finally {
      await watcher.close();
    }
  }, 120_000);

  it('stops when two post-processors share a name, as run does, instead of failing every batch after the fix (found by trial)', async () => {
    // Prepare: a watch given two processors of one name
    const drop = tempDir('watch-dup-drop');
    const home = tempDir('watch-dup-home');
    const err = textSink();
    const stops: Error[] = [];
    const batchErrors: Error[] = [];
    land(drop, 'call-0004-fraud-report');
    const watcher = watchDrop({
      dir: drop,
      home,
      settleMs: 200,
      out: quiet,
      err: err.stream,
      postProcessors: [tag('churn-risk', '1.0.0'), tag('churn-risk', '2.0.0')],
      onStop: (e) => stops.push(e),
      onBatchError: (e) => batchErrors.push(e),
    });
    try {
      // Act: the first batch, then another call lands
      await until(() => stops.length > 0);
      land(drop, 'call-0006-address-change');
      await new Promise((r) => setTimeout(r, 1500));
      await watcher.idle();
      // Assess: told once, with what to do; no batch ran after it, no call landed
      expect(err.text()).toBe(
        "error: two post-processors are named churn-risk (post-processors/index.ts): give each a name of its own; the call's lineage records each by its name; watch stopped (a running watch does not load post-processors again): fix it, then start the watch again (the same command)\n",
      );
      expect(stops.map((e) => e.name)).toEqual(['PostProcessorNameError']);
      expect(batchErrors).toEqual([]);
      expect(existsSync(join(home, 'lake'))).toBe(false);
    } finally {
      await watcher.close();
    }
  }, 120_000);

  it('does not run a batch for its own writes into a hidden home inside the watched folder (`watch .` with the default .debrief: a review found a batch every 2 s, for ever)', async () => {
    // Prepare: a drop folder whose home is hidden inside it
    const drop = tempDir('watch-hidden-home');
    const home = join(drop, '.h');
    const batches: RunSummary[] = [];
    land(drop, 'call-0004-fraud-report');
    const watcher = watchDrop({
      dir: drop,
      home,
      settleMs: 200,
      out: quiet,
      err: quiet,
      onBatch: (s) => batches.push(s),
    });
    try {
      // Act: the first batch runs the call; then the watch is left alone for 8 s
      await until(() => batches.some((b) => b.calls.length > 0), 90_000);
      await watcher.idle();
      const after = batches.length;
      await new Promise((r) => setTimeout(r, 8000));
      await watcher.idle();
      // Assess: no batch after the one that ran the call (its writes under .h/ are not drops)
      expect(batches.length).toBe(after);
    } finally {
      await watcher.close();
    }
  }, 120_000);
});
