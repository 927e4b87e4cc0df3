import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { runDrop } from '../../cli/commands/run.js';
import { FIXTURES, tempDir } from '../helpers/paths.js';

// A drop of real-shaped files through `debrief run` (the ASL, run locally) and into the lake.
const sink = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
};

describe('real files as they come, end to end', () => {
  const home = tempDir('real-home');
  const drop = tempDir('real-drop');
  const err = sink();
  const out = sink();
  let rows: (sql: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    mkdirSync(drop, { recursive: true });
    const put = (name: string, ...fixture: string[]) =>
      copyFileSync(join(FIXTURES, ...fixture), join(drop, name));
    // user-originated call, real-time post-call transcript (SessionId), record without names
    put('uo.tca.json', 'transcribe', 'realtime-post-call.json');
    put('uo.ctr.json', 'genesys', 'user-originated.json');
    // batch output with the documented quirks, a record with a not-responding agent, Genesys' export metadata
    put('claims.tca.json', 'transcribe', 'batch-documented-quirks.json');
    put('claims.ctr.json', 'genesys', 'not-responding-agent.json');
    put('claims.opus_metadata.json', 'genesys', 'recording-export.opus_metadata.json');
    // a callback-only record dropped for a call
    put('cb.tca.json', 'transcribe', 'call-analytics-output.json');
    put('cb.ctr.json', 'genesys', 'callback-only.json');
    // a Contact Lens file dropped as a transcript
    put('lens.tca.json', 'contact-lens', 'analysis.json');
    // a Call Analytics output whose job says it failed, and one still in progress (helper-215: both
    // landed as normal calls)
    const output = JSON.parse(
      readFileSync(join(FIXTURES, 'transcribe', 'call-analytics-output.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(
      join(drop, 'failedjob.tca.json'),
      JSON.stringify({
        ...output,
        JobStatus: 'FAILED',
        FailureReason: 'The media file could not be decoded.',
      }),
    );
    writeFileSync(join(drop, 'runningjob.tca.json'), JSON.stringify({ ...output, JobStatus: 'IN_PROGRESS' }));
    // the agents' names, exported from Genesys
    put('genesys-users.json', 'genesys', 'users-api-page.json');
    // the queues' names, as ops export them (CSV id,name)
    put('genesys-queues.csv', 'genesys', 'queues-export.csv');
    writeFileSync(join(drop, 'notes.txt'), 'not a call');

    const summary = await runDrop({ dir: drop, home, err: err.stream, out: out.stream });
    expect(summary.failed).toBe(0);
    rows = async (sql) => {
      const db = await DuckDbLake.open(join(home, 'lake'));
      try {
        return await db.query(sql);
      } finally {
        db.close();
      }
    };
  }, 120_000);

  it('lands the calls, and quarantines the Contact Lens file with one line saying what to drop', async () => {
    expect(await rows('select call_id, state, reason from call_status order by call_id')).toEqual([
      { call_id: 'cb', state: 'processed', reason: null },
      { call_id: 'claims', state: 'processed', reason: null },
      {
        call_id: 'failedjob',
        state: 'quarantined',
        reason:
          'transcript: failedjob.tca.json: its JobStatus is FAILED (FailureReason: The media file could not be decoded.), not COMPLETED: a job that did not complete wrote no transcript to trust; drop the output of a completed job under the same name',
      },
      {
        call_id: 'lens',
        state: 'quarantined',
        reason: expect.stringMatching(
          /^transcript: lens\.tca\.json: this is an Amazon Connect Contact Lens analysis file .*as lens\.tca\.json$/,
        ),
      },
      {
        call_id: 'runningjob',
        state: 'quarantined',
        reason: expect.stringMatching(
          /^transcript: runningjob\.tca\.json: its JobStatus is IN_PROGRESS, not COMPLETED/,
        ),
      },
      { call_id: 'uo', state: 'processed', reason: null },
    ]);
    expect(err.text()).toContain('agent names:');
    expect(err.text()).not.toMatch(/genesys-users\.json is not a call file/);
    expect(err.text()).toContain('queue names: ');
    expect(err.text()).toMatch(/queue names: .*genesys-queues\.csv \(2 queues\)/);
    expect(err.text()).not.toMatch(/genesys-queues\.csv is not a call file/);
  });

  it('names the queues the records name by id, from the dropped queues export', async () => {
    expect(
      await rows(
        "select call_id, entry_queue, entry_queue_name, queue_names from calls where ctr_status = 'matched' order by call_id",
      ),
    ).toEqual([
      {
        call_id: 'claims',
        entry_queue: '5b1f9d3a-7e2c-4a86-b0d4-e9a3c7f1b528',
        entry_queue_name: 'Claims Intake',
        queue_names: '["Claims Intake"]',
      },
      {
        call_id: 'uo',
        entry_queue: '9a4e2f71-c5d3-4b86-8e10-f7b3a2d6c954',
        entry_queue_name: 'Support Line, Tier 1',
        queue_names: '["Support Line, Tier 1"]',
      },
    ]);
    expect(await rows('select queue, calls from queue_stats order by queue')).toEqual([
      { queue: 'Claims Intake', calls: 1 },
      { queue: 'Support Line, Tier 1', calls: 1 },
    ]);
  });

  it("keeps the journeys honest: the user-originated caller, the callback's note, the recording time base", async () => {
    expect(
      await rows(
        'select call_id, ctr_status, caller_type, time_base, agent_count, handle_ms, ctr_note from calls order by call_id',
      ),
    ).toEqual([
      {
        call_id: 'cb',
        ctr_status: 'unusable',
        caller_type: null,
        time_base: 'none',
        agent_count: null,
        handle_ms: null,
        ctr_note: expect.stringMatching(/callback conversation .* without a voice session/),
      },
      {
        call_id: 'claims',
        ctr_status: 'matched',
        caller_type: 'customer',
        time_base: 'recording-metadata',
        agent_count: 1,
        handle_ms: 243_210,
        ctr_note: null,
      },
      {
        call_id: 'uo',
        ctr_status: 'matched',
        caller_type: 'user',
        time_base: 'conversation-start',
        agent_count: 1,
        handle_ms: 193_940,
        ctr_note: null,
      },
    ]);
  });

  it("names agents from the dropped users export and uses Transcribe's own answers", async () => {
    expect(await rows('select call_id, name, display_name from call_agents order by call_id')).toEqual([
      { call_id: 'claims', name: 'Tomás Herrera', display_name: 'Tomás Herrera' },
      { call_id: 'uo', name: 'Priya Natarajan', display_name: 'Priya Natarajan' },
    ]);
    expect(
      await rows(
        "select summary_engine, transcript_source, reason_for_call, resolution, action_items, wrapup_codes from calls where call_id = 'claims'",
      ),
    ).toEqual([
      {
        summary_engine: 'amazon-transcribe-call-analytics',
        transcript_source: 'batch',
        reason_for_call: 'I need to check on my water damage claim',
        resolution: 'I approved the claim and the payment goes out Friday',
        action_items: '["I will send you the settlement letter by email today"]',
        wrapup_codes: '["0f4b8d2a-6e1c-4a73-b5f9-d1c7e3a9b208"]',
      },
    ]);
    // No generative summary in the real-time output: the local engine wrote the summary text.
    const [uo] = await rows(
      "select summary_engine, transcript_source, lineage from calls where call_id = 'uo'",
    );
    expect(uo).toMatchObject({ summary_engine: 'local-extractive', transcript_source: 'real-time' });
    const lineage = JSON.parse(String(uo?.lineage));
    expect(lineage.summaryFields.engine).toBe('amazon-transcribe-call-analytics-streaming');
    expect(lineage.summary.note).toMatch(/reasonForCall, resolution, actionItems from amazon-transcribe/);
  });

  it('writes the findings, category matches, quarters and interruptions to their tables', async () => {
    expect(
      await rows(
        "select kind, role, agent_id, text_from from call_findings where call_id = 'uo' order by finding_index",
      ),
    ).toEqual([
      { kind: 'issue', role: 'CUSTOMER', agent_id: null, text_from: 'turn' },
      { kind: 'outcome', role: 'AGENT', agent_id: '9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562', text_from: 'turn' },
      {
        kind: 'action_item',
        role: 'AGENT',
        agent_id: '9c1e5b73-2a8d-4f60-b4c9-71e0d3f8a562',
        text_from: 'turn',
      },
    ]);
    expect(
      await rows(
        "select category, begin_ms from call_categories where call_id = 'claims' order by match_index",
      ),
    ).toEqual([
      { category: 'claim-follow-up', begin_ms: 105_200 },
      { category: 'claim-follow-up', begin_ms: 111_500 },
      { category: 'long-hold', begin_ms: null },
    ]);
    expect(
      await rows(
        "select customer_sentiment_q3, customer_sentiment_q4, redaction_types, redacted_entities from calls where call_id = 'claims'",
      ),
    ).toEqual([
      {
        customer_sentiment_q3: -5,
        customer_sentiment_q4: 3.3,
        redaction_types: '["PII"]',
        redacted_entities: '{"NAME":1}',
      },
    ]);
    expect(
      await rows(
        "select call_id, interrupter, agent_id, duration_ms from call_interruptions where call_id = 'claims'",
      ),
    ).toEqual([
      {
        call_id: 'claims',
        interrupter: 'CUSTOMER',
        agent_id: '8a2e6c0f-4b3d-4a95-97f1-e3c7b1d5a906',
        duration_ms: 400,
      },
    ]);
  });

  it('shows the agents by name and the unusable record’s note in the run report', () => {
    expect(out.text()).toMatch(/agents: {5}Priya Natarajan/);
    expect(out.text()).toMatch(/ctr: {8}the record is a callback conversation/);
  });
});
