import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { freshRuntime, putInbox } from '../helpers/local-runtime.js';
import { CTR_FIXTURE, TCA_FIXTURE } from '../helpers/paths.js';

const keys = (stem: string, withCtr = false) => ({
  transcript: `inbox/${stem}.tca.json`,
  audio: null,
  ctr: withCtr ? `inbox/${stem}.ctr.json` : null,
  recording: null,
});

describe('post-call workflow (the real ASL, run locally)', () => {
  it('happy path: a transcript drop runs LoadCall -> PostProcess -> WriteResults and lands rows', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'c1.tca.json': { copyFrom: TCA_FIXTURE } });
    // Act
    const result = await runner.run({ callId: 'c1', keys: keys('c1') });
    // Assess
    expect(result.outcome).toBe('succeeded');
    expect(result.statesRun).toEqual(['LoadCall', 'PostProcess', 'WriteResults']);
    expect(result.output).toMatchObject({ callId: 'c1', state: 'processed', turns: 2, durationMs: 312460 });
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      expect(await db.query('select call_id, state from call_status')).toEqual([
        { call_id: 'c1', state: 'processed' },
      ]);
      expect(await db.query('select turn_index, role, text from turns order by turn_index')).toEqual([
        { turn_index: 0, role: 'AGENT', text: 'Thank you for calling, my name is [PII], how can I help?' },
        { turn_index: 1, role: 'CUSTOMER', text: 'Well, I would like to cancel my recipe subscription.' },
      ]);
      const [call] = await db.query(
        'select duration_ms, agent_talk_ms, customer_talk_ms, interruptions, redacted from calls',
      );
      expect(call).toEqual({
        duration_ms: 312460,
        agent_talk_ms: 132750,
        customer_talk_ms: 118010,
        interruptions: 1,
        redacted: true,
      });
    } finally {
      db.close();
    }
  });

  it('quarantine path: a corrupt transcript runs LoadCall -> LoadCallFailed -> QuarantineCall -> Quarantined', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'bad.tca.json': '{"JobName": "x", "Transcript": [' });
    // Act
    const result = await runner.run({ callId: 'bad', keys: keys('bad') });
    // Assess
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).toEqual(['LoadCall', 'LoadCallFailed', 'QuarantineCall', 'Quarantined']);
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'bad', 'error.json'), 'utf8'));
    expect(report).toMatchObject({ callId: 'bad', error: 'InvalidInputError', failedState: 'LoadCall' });
    expect(report.reason).toMatch(/inbox\/bad\.tca\.json is not valid JSON/);
    // The input is kept next to the report.
    expect(readFileSync(join(runtime.home, 'quarantine', 'bad', 'inputs', 'bad.tca.json'), 'utf8')).toContain(
      '"JobName"',
    );
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      expect(await db.query('select call_id, state, stage, error_name from call_status')).toEqual([
        { call_id: 'bad', state: 'quarantined', stage: 'LoadCall', error_name: 'InvalidInputError' },
      ]);
      expect(await db.query('select count(*) as n from calls')).toEqual([{ n: 0 }]);
    } finally {
      db.close();
    }
  });

  it('a transcript that is JSON but not a Call Analytics output is quarantined with the schema problem', async () => {
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, {
      'odd.tca.json': JSON.stringify({ JobName: 'j', Transcript: [{ ParticipantRole: 'BOT' }] }),
    });
    const result = await runner.run({ callId: 'odd', keys: keys('odd') });
    expect(result.outcome).toBe('quarantined');
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'odd', 'error.json'), 'utf8'));
    expect(report.reason).toMatch(/does not match the expected format/);
    expect(report.reason).toMatch(/ParticipantRole/);
  });

  it('a post-processor that throws sends the call to quarantine from PostProcess', async () => {
    const { runtime, runner } = freshRuntime({
      postProcessors: [
        {
          name: 'explode',
          version: '1',
          process: () => {
            throw new Error('lookup service down');
          },
        },
      ],
    });
    putInbox(runtime, { 'c2.tca.json': { copyFrom: TCA_FIXTURE } });
    const result = await runner.run({ callId: 'c2', keys: keys('c2') });
    expect(result.statesRun).toEqual([
      'LoadCall',
      'PostProcess',
      'PostProcessFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
  });

  it('post-processors run in order and are recorded in lineage', async () => {
    const { runtime, runner } = freshRuntime({
      postProcessors: [
        { name: 'upper', version: '1.0', process: (d) => ({ ...d, categories: [...d.categories, 'first'] }) },
        {
          name: 'second',
          version: '2.0',
          process: (d) => ({ ...d, categories: [...d.categories, 'second'] }),
        },
      ],
    });
    putInbox(runtime, { 'c3.tca.json': { copyFrom: TCA_FIXTURE }, 'c3.ctr.json': { copyFrom: CTR_FIXTURE } });
    await runner.run({ callId: 'c3', keys: keys('c3') });
    const db = await DuckDbLake.open(runtime.lakeDir);
    try {
      const [row] = await db.query('select categories, lineage from calls');
      expect(JSON.parse(String(row?.categories))).toEqual(['cancellation-intent', 'first', 'second']);
      expect(Object.keys(JSON.parse(String(row?.lineage)))).toEqual(
        expect.arrayContaining(['post:upper', 'post:second']),
      );
    } finally {
      db.close();
    }
  });
});
