import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryLake } from '../../cli/commands/query.js';
import { runDrop } from '../../cli/commands/run.js';
import { generateCall } from '../../generator/index.js';
import { AUDIO_FIXTURES, OPUS_CALL } from '../helpers/audio-fixtures.js';
import { oracleRecognizer } from '../helpers/oracle-recognizer.js';
import { tempDir } from '../helpers/paths.js';

/**
 * One recording dropped again in a later run under another call name would count twice in every
 * figure: it is quarantined naming the call it already is. Within one drop the scan says so and
 * both run (test/cli/debrief-cli.test.ts); running that drop again leaves both unchanged.
 */
const sink = () => ({ write: () => true }) as unknown as NodeJS.WritableStream;

describe('a recording dropped again under another name', () => {
  const call = generateCall(OPUS_CALL);
  const run = (drop: string, home: string) =>
    runDrop({
      dir: drop,
      home,
      out: sink(),
      err: sink(),
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
    });
  const dropOf = (label: string, ...names: string[]) => {
    const drop = tempDir(label);
    for (const name of names)
      copyFileSync(join(AUDIO_FIXTURES, 'opus-call.opus'), join(drop, `${name}.opus`));
    return drop;
  };

  it('in a later run is quarantined naming the call it already is; under its own name it is unchanged', async () => {
    // Prepare
    const home = tempDir('dup-home');
    const first = await run(dropOf('dup-first', 'call-0417'), home);
    // Act
    const again = await run(dropOf('dup-again', 'call-0417 renamed'), home);
    const sameName = await run(dropOf('dup-same', 'call-0417'), home);
    // Assess
    expect(first.calls.map((c) => [c.callId, c.outcome])).toEqual([['call-0417', 'succeeded']]);
    expect(again.calls.map((c) => [c.callId, c.outcome])).toEqual([['call-0417 renamed', 'quarantined']]);
    expect(again.calls[0]?.error?.name).toBe('DuplicateRecordingError');
    expect(sameName.calls.map((c) => [c.callId, c.outcome])).toEqual([['call-0417', 'unchanged']]);
    const status = await queryLake(home, 'select call_id, state, reason from call_status order by call_id');
    expect(status.map((s) => [s.call_id, s.state])).toEqual([
      ['call-0417', 'processed'],
      ['call-0417 renamed', 'quarantined'],
    ]);
    expect(String(status[1]?.reason)).toMatch(
      /^call-0417 renamed\.opus is byte for byte the recording of call call-0417, processed \d{4}-\d\d-\d\dT.*: one call dropped again under another name is not counted twice/,
    );
    expect(await queryLake(home, 'select count(*) as n from calls')).toEqual([{ n: 1 }]);
  }, 300_000);

  it('twice in one drop runs as two calls (the scan says so), and running that drop again leaves both unchanged', async () => {
    // Prepare
    const home = tempDir('dup-one-drop-home');
    const drop = dropOf('dup-one-drop', 'call-a', 'call-b');
    // Act
    const first = await run(drop, home);
    const again = await run(drop, home);
    const reprocessed = await runDrop({
      dir: drop,
      home,
      out: sink(),
      err: sink(),
      reprocess: true,
      speech: {
        recognizer: async () => oracleRecognizer(call.truth, (ch) => (ch === 1 ? 'AGENT' : 'CUSTOMER')),
      },
    });
    // Assess
    expect(first.calls.map((c) => c.outcome)).toEqual(['succeeded', 'succeeded']);
    expect(again.calls.map((c) => c.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(reprocessed.calls.map((c) => c.outcome)).toEqual(['succeeded', 'succeeded']);
  }, 300_000);
});
