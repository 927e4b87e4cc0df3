import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import type { PostProcessor } from '../../core/post-processor.js';
import { REPO, tempDir } from '../helpers/paths.js';
import { textSink } from '../helpers/text-sink.js';

describe('a run where quarantined calls are unchanged', () => {
  it('says they stay quarantined and how they run again, with the line that retries them as they are (found by trial15: a call quarantined by a bug since fixed only said "unchanged")', async () => {
    // Prepare: a drop with a good call and a broken transcript
    const drop = tempDir('stuck-drop');
    const home = join(tempDir('stuck-home'), 'home');
    const good = 'call-0006-address-change';
    copyFileSync(join(REPO, 'samples', `${good}.tca.json`), join(drop, `${good}.tca.json`));
    writeFileSync(join(drop, 'broken.tca.json'), '{ "JobName": "x", not json');
    const first = textSink();
    const second = textSink();
    const again = textSink();
    // Act: the first run quarantines it, the second finds it unchanged, the third retries it
    await runDrop({ dir: drop, home, out: textSink().stream, err: first.stream });
    await runDrop({ dir: drop, home, out: textSink().stream, err: second.stream });
    const line = `npx debrief run ${drop} --reprocess --call broken --home ${home}`;
    await runDrop({
      dir: drop,
      home,
      reprocess: true,
      onlyCalls: ['broken'],
      out: textSink().stream,
      err: again.stream,
    });
    // Assess
    expect(first.text()).not.toContain('still quarantined');
    expect(second.text()).toContain(
      `note: 1 unchanged call(s) are still quarantined (broken): a quarantined call runs again once its files change (its reason says what to fix); to try it again as it is (after an update of debrief): ${line}\n`,
    );
    expect(again.text()).toContain('[1/1] broken: quarantined');
    expect(again.text()).not.toContain('still quarantined');
  }, 120_000);

  it('a call a post-processor quarantined is said to run again after a fix of that processor (found by trial16: the note spoke of its files and of an update of debrief only)', async () => {
    // Prepare: a post-processor that fails on one call
    const drop = tempDir('stuck-post-drop');
    const home = join(tempDir('stuck-post-home'), 'home');
    const call = 'call-0006-address-change';
    copyFileSync(join(REPO, 'samples', `${call}.tca.json`), join(drop, `${call}.tca.json`));
    const strict: PostProcessor = {
      name: 'strict',
      version: '1',
      process: () => {
        throw new Error('no account number in the call');
      },
    };
    const first = textSink();
    const second = textSink();
    // Act: the first run quarantines it, the second (the processor not fixed yet) finds it unchanged
    await runDrop({
      dir: drop,
      home,
      postProcessors: [strict],
      out: textSink().stream,
      err: first.stream,
    });
    await runDrop({ dir: drop, home, postProcessors: [strict], out: textSink().stream, err: second.stream });
    // Assess: the run that quarantined it says how to run it again once the processor is fixed
    // (a new-user trial found the line only in error.json and in the next run's note)
    expect(first.text()).toContain(
      `note: 1 call(s) were quarantined by a post-processor (${call}): its reason names the processor and, for a crash, the line of its file; they run again only when asked, so once it is fixed (from their post-processors: their documents from before them were kept): npx debrief run ${drop} --reprocess --from post-process --call ${call} --home ${home}\n`,
    );
    expect(second.text()).not.toContain('were quarantined by a post-processor');
    expect(second.text()).toContain(
      `note: 1 unchanged call(s) are still quarantined (${call}): a quarantined call runs again once its files change (its reason says what to fix); to try it again as it is (after an update of debrief, or a fix of the post-processor its reason names): npx debrief run ${drop} --reprocess --call ${call} --home ${home}\n`,
    );
  }, 120_000);
});
