import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { correctTopicCommand } from '../../cli/commands/topics.js';
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
});
