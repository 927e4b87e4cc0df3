import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetCalls } from '../../cli/commands/forget.js';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topic-correct.js';
import { generateCalls, writeDrop } from '../../generator/index.js';
import { tempDir } from '../helpers/paths.js';

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

describe('topics correct of a quarantined call', () => {
  it('says the call is quarantined and what to do, not that there is no such call (found by trial11)', async () => {
    // Prepare: a home with one processed call and one quarantined (a transcript that is not JSON)
    const drop = tempDir('correct-quarantined-drop');
    const home = tempDir('correct-quarantined-home');
    await writeDrop(generateCalls(3, 1), drop, tempDir('correct-quarantined-truth'));
    writeFileSync(join(drop, 'broken.tca.json'), '{"Transcript": [');
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    // Act, Assess
    await expect(
      correctTopicCommand({ home, callId: 'broken', topic: 'billing', out_stream: quiet }),
    ).rejects.toThrow(
      `broken: is quarantined, so it has no topic to correct: fix its input and run it again (npx debrief query "select reason from call_status where call_id = 'broken'" --home ${home})`,
    );
    await expect(
      correctTopicCommand({ home, callId: 'no-such-call', topic: 'billing', out_stream: quiet }),
    ).rejects.toThrow(/^no-such-call: no such call in the lake of /);
  });

  it('says an erased (forgotten) call was erased, not that there is no such call', async () => {
    // Prepare: a home with two calls, one of them forgotten (at a time after the call's last status)
    const drop = tempDir('correct-forgotten-drop');
    const home = tempDir('correct-forgotten-home');
    const calls = generateCalls(2, 3);
    await writeDrop(calls, drop, tempDir('correct-forgotten-truth'));
    await runDrop({ dir: drop, home, out: quiet, err: quiet });
    const gone = calls[0]!.truth.callId;
    await forgetCalls({ home, callIds: [gone], now: () => '2099-01-02T10:00:00.000Z', err: quiet });
    // Act, Assess
    await expect(
      correctTopicCommand({ home, callId: gone, topic: 'billing', out_stream: quiet }),
    ).rejects.toThrow(
      `${gone}: was erased (debrief forget) on 2099-01-02, so there is no call to correct; dropped again, it runs as a new call, to correct then`,
    );
  });
});
