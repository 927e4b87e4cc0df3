import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import type { Enrichers } from '../../core/enrich/enrichers.js';
import { EngineError, ThrottledError } from '../../core/errors.js';
import type { PiiMode } from '../../schemas/call-document.js';
import type { GenesysConversation } from '../../schemas/genesys-conversation.js';
import { ENRICH_BRANCHES } from '../../workflows/tasks.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { CTR_FIXTURE, TCA_FIXTURE } from '../helpers/paths.js';

const keys = (stem: string, opts: { ctr?: boolean } = {}) => ({
  transcript: `inbox/${stem}.tca.json`,
  audio: null,
  ctr: opts.ctr ? `inbox/${stem}.ctr.json` : null,
  recording: null,
});

const BRANCH_STATES = new Set<string>(ENRICH_BRANCHES.flatMap((t) => [t, `${t}Degraded`]));
/** The states outside the Parallel branches, in order (branch order is concurrent, so unordered). */
const mainPath = (states: string[]) => states.filter((s) => !BRANCH_STATES.has(s));
const branchStates = (states: string[]) => states.filter((s) => BRANCH_STATES.has(s)).sort();

/** A transcript drop: claimed, routed past transcription, then the main path. */
const FRONT = ['ClaimCall', 'RouteCall'];
const HAPPY_MAIN = [
  ...FRONT,
  'LoadCall',
  'MergeCtr',
  'RedactPii',
  'Enrich',
  'ApplyEnrichment',
  'PostProcess',
  'WriteResults',
];

describe('post-call workflow (the real ASL, run locally)', () => {
  it('happy path: transcript + CTR run every state once and land tagged, enriched rows', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'c1.tca.json': { copyFrom: TCA_FIXTURE }, 'c1.ctr.json': { copyFrom: CTR_FIXTURE } });
    // Act
    const result = await runner.run({ callId: 'c1', keys: keys('c1', { ctr: true }) });
    // Assess
    expect(result.outcome).toBe('succeeded');
    expect(mainPath(result.statesRun)).toEqual(HAPPY_MAIN);
    expect(branchStates(result.statesRun)).toEqual(['DetectTopics', 'DetectToxicity', 'SummarizeCall']);
    expect(result.output).toMatchObject({ callId: 'c1', state: 'processed', turns: 2, durationMs: 312460 });
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, state from call_status')).toEqual([
        { call_id: 'c1', state: 'processed' },
      ]);
      const [call] = await db.query(
        'select dt, conversation_id, ctr_status, transfers, ivr_ms, queue_ms, hold_ms, duration_ms, customer_talk_ms, interruptions, redacted, pii_redactions, topics_status, summary_status, toxicity_status, primary_topic from calls',
      );
      expect(call).toEqual({
        dt: '2026-03-02',
        conversation_id: '8f2c1a77-1c9e-4c1b-9d55-0e5f7e6b2a11',
        ctr_status: 'matched',
        transfers: 1,
        ivr_ms: 38210,
        queue_ms: 95480,
        hold_ms: 45000,
        duration_ms: 312460,
        customer_talk_ms: 118010,
        interruptions: 1,
        redacted: true,
        // Transcribe's own [PII] (the agent's name): RedactPii found nothing more.
        pii_redactions: 1,
        topics_status: 'ok',
        summary_status: 'ok',
        toxicity_status: 'ok',
        primary_topic: 'cancellation',
      });
      // The agent's greeting at 21 s falls in the IVR window (the first 38 s): tagged IVR, not AGENT.
      expect(await db.query('select turn_index, role, agent_id from turns order by turn_index')).toEqual([
        { turn_index: 0, role: 'IVR', agent_id: null },
        { turn_index: 1, role: 'CUSTOMER', agent_id: null },
      ]);
      expect(await db.query('select agent_id, agent_order from call_agents order by agent_order')).toEqual([
        { agent_id: 'u-dana', agent_order: 1 },
        { agent_id: 'u-lee', agent_order: 2 },
      ]);
      const [lineage] = await db.query('select lineage from calls');
      expect(Object.keys(JSON.parse(String(lineage?.lineage))).sort()).toEqual([
        'ctr',
        'pii',
        'pipeline',
        'start',
        'summary',
        'summaryFields',
        'topics',
        'toxicity',
        'transcript',
      ]);
      // The CTR gave the start (a file name's date-time would only be read without it).
      expect(JSON.parse(String(lineage?.lineage)).start.note).toBe('source=conversation-record');
      // Transcribe's generative summary and its issue are the summary and the reason for the call.
      expect(
        await db.query('select summary, reason_for_call, summary_engine, transcript_source from calls'),
      ).toEqual([
        {
          summary:
            'The customer called to cancel a recipe subscription. The agent offered a 50% discount, which the customer accepted.',
          reason_for_call: 'I would like to cancel my recipe subscription',
          summary_engine: 'amazon-transcribe-call-analytics',
          transcript_source: 'batch',
        },
      ]);
      expect(await db.query('select kind, text, role, text_from from call_findings')).toEqual([
        {
          kind: 'issue',
          text: 'I would like to cancel my recipe subscription',
          role: 'CUSTOMER',
          text_from: 'offsets',
        },
      ]);
      // Transcribe names no intent: the local summary's (asked for what Transcribe left open) is
      // the call's, though Transcribe wrote the summary and the reason.
      expect(await db.query('select intent from calls')).toEqual([{ intent: 'cancel_subscription' }]);
    });
  });

  it('no CTR: the call still lands, with ctr_status = missing', async () => {
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'c0.tca.json': { copyFrom: TCA_FIXTURE } });
    const result = await runner.run({ callId: 'c0', keys: keys('c0') });
    expect(mainPath(result.statesRun)).toEqual(HAPPY_MAIN);
    await withDb(runtime.lakeDir, async (db) => {
      // Unknown, not zero: a call without its record must not drag averages down.
      expect(await db.query('select ctr_status, transfers, handle_ms, agent_count from calls')).toEqual([
        { ctr_status: 'missing', transfers: null, handle_ms: null, agent_count: null },
      ]);
    });
  });

  it('quarantine path: a corrupt transcript runs LoadCall -> LoadCallFailed -> QuarantineCall -> Quarantined', async () => {
    // Prepare
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'bad.tca.json': '{"JobName": "x", "Transcript": [' });
    // Act
    const result = await runner.run({ callId: 'bad', keys: keys('bad') });
    // Assess
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).toEqual([
      ...FRONT,
      'LoadCall',
      'LoadCallFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'bad', 'error.json'), 'utf8'));
    expect(report).toMatchObject({ callId: 'bad', error: 'InvalidInputError', failedState: 'LoadCall' });
    expect(report.reason).toBe(
      "transcript: bad.tca.json is not valid JSON (cut off before its end): drop the call's transcript (Transcribe Call Analytics output) again under the same name",
    );
    // The input is kept next to the report.
    expect(readFileSync(join(runtime.home, 'quarantine', 'bad', 'inputs', 'bad.tca.json'), 'utf8')).toContain(
      '"JobName"',
    );
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, state, stage, error_name from call_status')).toEqual([
        { call_id: 'bad', state: 'quarantined', stage: 'LoadCall', error_name: 'InvalidInputError' },
      ]);
      expect(await db.query('select count(*) as n from calls')).toEqual([{ n: 0 }]);
    });
  });

  const ctrWith = (mutate: (ctr: GenesysConversation) => void): string => {
    const ctr = JSON.parse(readFileSync(CTR_FIXTURE, 'utf8')) as GenesysConversation;
    mutate(ctr);
    return JSON.stringify(ctr);
  };
  it.each([
    [
      'a conversation that ends before it starts',
      ctrWith((c) => Object.assign(c, { conversationEnd: '2026-03-02T13:00:00.000Z' })),
      'conversationEnd is before conversationStart',
    ],
    [
      'a segment that ends before it starts',
      ctrWith((c) =>
        Object.assign(c.participants[0]!.sessions[0]!.segments[0]!, {
          segmentEnd: '2026-03-02T13:00:00.000Z',
        }),
      ),
      'customer interact segment ends before it starts (2026-03-02T14:00:00.120Z)',
    ],
    [
      'the wrong shape',
      ctrWith((c) => Object.assign(c, { participants: 'none' })),
      'does not match the expected format: participants',
    ],
  ])(
    'a CTR with %s quarantines the call with the file named and what to do, as an invalid-JSON one does (the Genesys trial: no fix was said)',
    async (_, ctr, what) => {
      const { runtime, runner } = freshRuntime();
      putInbox(runtime, { 'c5.tca.json': { copyFrom: TCA_FIXTURE }, 'c5.ctr.json': ctr });
      const result = await runner.run({ callId: 'c5', keys: keys('c5', { ctr: true }) });
      expect(result.outcome).toBe('quarantined');
      const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'c5', 'error.json'), 'utf8'));
      expect(report.reason).toContain(what);
      expect(report.reason).toMatch(/^ctr: c5\.ctr\.json[: ]/);
      expect(report.reason).toMatch(
        /: drop a corrected c5\.ctr\.json under the same name, or remove it and the call runs without a CTR \(ctr_status missing\)$/,
      );
    },
  );

  it('a CTR that is not JSON quarantines the call from MergeCtr, keeping both inputs', async () => {
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, {
      'c4.tca.json': { copyFrom: TCA_FIXTURE },
      'c4.ctr.json': '<html>502 Bad Gateway</html>',
    });
    const result = await runner.run({ callId: 'c4', keys: keys('c4', { ctr: true }) });
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).toEqual([
      ...FRONT,
      'LoadCall',
      'MergeCtr',
      'MergeCtrFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'c4', 'error.json'), 'utf8'));
    expect(report.reason).toMatch(
      /^ctr: c4\.ctr\.json is not valid JSON \(syntax error at line 1, column \d+\): drop a corrected c4\.ctr\.json under the same name, or remove it and the call runs without a CTR \(ctr_status missing\)$/,
    );
    expect(report.keptCopies).toEqual([
      'quarantine/c4/inputs/c4.tca.json',
      'quarantine/c4/inputs/c4.ctr.json',
    ]);
    // LoadCall's working copy never went through RedactPii: it is removed, not left in work/.
    // (each execution has its own working folder: work/<call>/<execution>/call.json)
    expect(
      readdirSync(join(runtime.home, 'work'), { recursive: true }).filter((f) =>
        String(f).endsWith('call.json'),
      ),
    ).toEqual([]);
    expect(report.documentKey).toBeNull();
    expect(report.discarded).toMatch(/^work\/c4\/[^/]+\/call\.json: .*RedactPii/);
  });

  it('RedactPii: a raw transcript with spoken PII lands redacted, the redactions recorded', async () => {
    // Prepare: a transcript Transcribe did not redact (Output Raw), with a card, SSN and name in it.
    const { runtime, runner } = freshRuntime();
    const tca = JSON.parse(readFileSync(TCA_FIXTURE, 'utf8'));
    const said = (text: string, begin: number) =>
      text.split(' ').map((w, i) => ({
        Type: 'pronunciation',
        Content: w,
        BeginOffsetMillis: begin + i * 300,
        EndOffsetMillis: begin + i * 300 + 250,
        Confidence: 0.9,
        VocabularyFilterMatch: false,
      }));
    const agent = 'Can I have the card number please?';
    const customer = 'Sure it is four one one one one one one one one one one one one one one one';
    const last = tca.Transcript.at(-1);
    tca.ContentMetadata = { Output: 'Raw' };
    tca.Transcript.push(
      {
        ...last,
        ParticipantRole: 'AGENT',
        Content: agent,
        BeginOffsetMillis: 300000,
        EndOffsetMillis: 303000,
        Items: said(agent, 300000),
      },
      {
        ...last,
        ParticipantRole: 'CUSTOMER',
        Content: customer,
        BeginOffsetMillis: 303500,
        EndOffsetMillis: 310000,
        Items: said(customer, 303500),
      },
    );
    putInbox(runtime, { 'c5.tca.json': JSON.stringify(tca) });
    // Act
    const result = await runner.run({ callId: 'c5', keys: keys('c5') });
    // Assess
    expect(mainPath(result.statesRun)).toEqual(HAPPY_MAIN);
    await withDb(runtime.lakeDir, async (db) => {
      const [turn] = await db.query(`select text from turns where text like 'Sure it is%'`);
      expect(turn).toEqual({ text: 'Sure it is [PII]' });
      const [call] = await db.query('select redacted, pii_redactions, lineage from calls');
      // Transcribe's own [PII], the card number, and the card number again in the Transcribe
      // finding that quotes the customer's turn (the added turns copy the last one's offsets).
      expect(call).toMatchObject({ redacted: true, pii_redactions: 3 });
      const findings = await db.query('select text from call_findings');
      expect(findings.map((f) => String(f.text)).filter((t) => /one one one/.test(t))).toEqual([]);
      expect(findings.some((f) => String(f.text).includes('[PII]'))).toBe(true);
      expect(JSON.parse(String(call?.lineage)).pii).toMatchObject({
        engine: 'debrief-pii',
        version: '1.1.0',
        note: 'mode=default',
      });
    });
    const [partition] = readdirSync(join(runtime.home, 'results'));
    const doc = JSON.parse(readFileSync(join(runtime.home, 'results', String(partition), 'c5.json'), 'utf8'));
    const card = doc.pii.redactions.find((r: { upstream: boolean }) => !r.upstream);
    expect(card).toMatchObject({ type: 'CREDIT_DEBIT_NUMBER', firstWord: 3, lastWord: 18, upstream: false });
    expect(doc.turns[card.turn].words[card.word]).toMatchObject({
      text: '[PII]',
      redaction: 'CREDIT_DEBIT_NUMBER',
      beginMs: 303500 + 3 * 300,
      endMs: 303500 + 18 * 300 + 250,
    });
  });

  it('RedactPii failing (a bad mode setting) quarantines the call and removes the unredacted working copy', async () => {
    const { runtime, runner } = freshRuntime({ piiMode: 'bogus' as PiiMode });
    putInbox(runtime, { 'c6.tca.json': { copyFrom: TCA_FIXTURE } });
    const result = await runner.run({ callId: 'c6', keys: keys('c6') });
    expect(result.outcome).toBe('quarantined');
    expect(result.statesRun).toEqual([
      'ClaimCall',
      'RouteCall',
      'LoadCall',
      'MergeCtr',
      'RedactPii',
      'RedactPiiFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
    expect(existsSync(join(runtime.home, 'work', 'c6', 'call.json'))).toBe(false);
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select state, stage from call_status')).toEqual([
        { state: 'quarantined', stage: 'RedactPii' },
      ]);
      expect(await db.query('select count(*) as n from turns')).toEqual([{ n: 0 }]);
    });
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
    expect(mainPath(result.statesRun)).toEqual([
      ...HAPPY_MAIN.slice(0, HAPPY_MAIN.indexOf('PostProcess') + 1),
      'PostProcessFailed',
      'QuarantineCall',
      'Quarantined',
    ]);
  });

  it('a post-processor that returns a document out of shape quarantines the call, naming it', async () => {
    const { runtime, runner } = freshRuntime({
      postProcessors: [
        { name: 'sloppy', version: '1', process: (d) => ({ ...d, durationMs: 'long' }) as never },
      ],
    });
    putInbox(runtime, { 'c4.tca.json': { copyFrom: TCA_FIXTURE } });
    const result = await runner.run({ callId: 'c4', keys: keys('c4') });
    expect(result.outcome).toBe('quarantined');
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'c4', 'error.json'), 'utf8'));
    expect(report.error).toBe('PostProcessorError');
    expect(report.reason).toMatch(/sloppy .*out of shape: durationMs/);
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
    putInbox(runtime, { 'c3.tca.json': { copyFrom: TCA_FIXTURE } });
    await runner.run({ callId: 'c3', keys: keys('c3') });
    await withDb(runtime.lakeDir, async (db) => {
      const [row] = await db.query('select categories, lineage from calls');
      expect(JSON.parse(String(row?.categories))).toEqual(['cancellation-intent', 'first', 'second']);
      expect(Object.keys(JSON.parse(String(row?.lineage)))).toEqual(
        expect.arrayContaining(['post:upper', 'post:second']),
      );
      // a post-processor's categories reach call_categories (and so category_daily) beside Transcribe's
      expect(
        await db.query('select category, match_index, begin_ms from call_categories order by match_index'),
      ).toEqual([
        expect.objectContaining({ category: 'cancellation-intent', match_index: 0 }),
        { category: 'first', match_index: 1, begin_ms: null },
        { category: 'second', match_index: 2, begin_ms: null },
      ]);
    });
  });

  it('a post-processor that moves the call (another callId or dt) quarantines it, naming the fields', async () => {
    const { runtime, runner } = freshRuntime({
      postProcessors: [
        { name: 'mover', version: '1', process: (d) => ({ ...d, callId: 'hijacked', dt: '1999-01-01' }) },
      ],
    });
    putInbox(runtime, { 'c5.tca.json': { copyFrom: TCA_FIXTURE } });
    const result = await runner.run({ callId: 'c5', keys: keys('c5') });
    expect(result.outcome).toBe('quarantined');
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'c5', 'error.json'), 'utf8'));
    expect(report.reason).toMatch(/post-processor mover .*changed callId, dt, which identify the call/);
    await withDb(runtime.lakeDir, async (db) => {
      expect(await db.query('select call_id, state from call_status')).toEqual([
        { call_id: 'c5', state: 'quarantined' },
      ]);
    });
  });

  it('one field moved is named in a sentence of its own (found by trial16: "changed callId, which identify")', async () => {
    const { runtime, runner } = freshRuntime({
      postProcessors: [
        { name: 'renamer', version: '1', process: (d) => ({ ...d, callId: `${d.callId}-x` }) },
      ],
    });
    putInbox(runtime, { 'c6.tca.json': { copyFrom: TCA_FIXTURE } });
    expect((await runner.run({ callId: 'c6', keys: keys('c6') })).outcome).toBe('quarantined');
    const report = JSON.parse(readFileSync(join(runtime.home, 'quarantine', 'c6', 'error.json'), 'utf8'));
    expect(report.reason).toBe(
      'post-processor renamer failed: changed callId, which identifies the call and where it lands: return the document with it as given',
    );
  });
});

describe('enrichment degrades one part at a time (fault injection)', () => {
  const failing = async (part: 'topics' | 'summarizer' | 'toxicity', error: Error): Promise<Enrichers> => {
    const real = await createLocalEnrichers();
    const boom = () => Promise.reject(error);
    if (part === 'topics')
      return { ...real, topics: { ...real.topics!, classify: boom, lineage: real.topics!.lineage } };
    if (part === 'summarizer')
      return { ...real, summarizer: { summarize: boom, lineage: real.summarizer!.lineage } };
    return { ...real, toxicity: { detect: boom, lineage: real.toxicity!.lineage } };
  };

  const cases = [
    {
      part: 'topics',
      task: 'DetectTopics',
      error: new EngineError('sagemaker', 'endpoint returned 500'),
      status: 'topics_status',
    },
    {
      part: 'summarizer',
      task: 'SummarizeCall',
      error: new EngineError('bedrock', 'ValidationException: model retired'),
      status: 'summary_status',
    },
    {
      part: 'toxicity',
      task: 'DetectToxicity',
      error: new ThrottledError('comprehend throttled'),
      status: 'toxicity_status',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.task} failing leaves the call partial with the reason, and the other two parts present`, async () => {
      // Prepare
      const { runtime, runner } = (() => {
        const enrichers = () => failing(c.part, c.error);
        return freshRuntime({ enrichers });
      })();
      putInbox(runtime, { 'f.tca.json': { copyFrom: TCA_FIXTURE } });
      // Act
      const result = await runner.run({ callId: 'f', keys: keys('f') });
      // Assess
      expect(result.outcome).toBe('succeeded');
      expect(mainPath(result.statesRun)).toEqual(HAPPY_MAIN);
      expect(result.statesRun).toContain(`${c.task}Degraded`);
      await withDb(runtime.lakeDir, async (db) => {
        const [row] = await db.query(
          'select status, status_reason, topics_status, summary_status, toxicity_status, primary_topic, summary, toxicity_max from calls',
        );
        expect(row?.status).toBe('partial');
        expect(row?.status_reason).toContain(c.error.message);
        expect(row?.[c.status]).toBe('failed');
        const others = ['topics_status', 'summary_status', 'toxicity_status'].filter((s) => s !== c.status);
        for (const o of others) expect(row?.[o], o).toBe('ok');
        // Nothing is invented for the failed part (a failed summary keeps Transcribe's answers).
        if (c.part === 'topics') expect(row?.primary_topic).toBeNull();
        else expect(row?.primary_topic).toBe('cancellation');
        expect(row?.summary).toEqual(expect.any(String));
        if (c.part === 'summarizer') {
          // What Transcribe answered itself (its generative summary, the issue it detected: the
          // reason for the call) is kept: it never needed the engine that failed. The rest stays
          // empty, and lineage names Transcribe's fields and the failure.
          const [issue] = await db.query("select text from call_findings where kind = 'issue'");
          const [kept] = await db.query(
            'select summary, transcribe_summary, reason_for_call, resolution, resolved, summary_engine, lineage from calls',
          );
          expect(kept).toMatchObject({
            summary: kept?.transcribe_summary,
            reason_for_call: issue?.text,
            resolution: null,
            resolved: null,
            summary_engine: 'amazon-transcribe-call-analytics',
          });
          expect(JSON.parse(String(kept?.lineage)).summary).toMatchObject({
            engine: 'amazon-transcribe-call-analytics',
            note: 'summary, reasonForCall from amazon-transcribe-call-analytics; resolution, resolved, callbackNeeded, actionItems unanswered: the summary step failed (EngineError)',
          });
        }
        if (c.part === 'toxicity') expect(row?.toxicity_max).toBeNull();
        else expect(row?.toxicity_max).toEqual(expect.any(Number));
        // The error's type too, as a quarantine's: partial calls can be told apart by cause in SQL.
        expect(await db.query('select state, stage, error_name from call_status')).toEqual([
          { state: 'partial', stage: c.part === 'summarizer' ? 'summary' : c.part, error_name: c.error.name },
        ]);
      });
    });
  }
});

describe('an enrichment switched off by configuration', () => {
  it('lands the call processed (not partial), the part recorded as off with no invented content', async () => {
    // Prepare: no topic endpoint and no summary model configured (the AWS deps give null engines).
    const { runtime, runner } = freshRuntime({
      enrichers: async () => ({ ...(await createLocalEnrichers()), topics: null, summarizer: null }),
    });
    putInbox(runtime, { 'o.tca.json': { copyFrom: TCA_FIXTURE } });
    // Act
    const result = await runner.run({ callId: 'o', keys: keys('o') });
    // Assess
    expect(result.outcome).toBe('succeeded');
    expect(result.statesRun).not.toContain('DetectTopicsDegraded');
    await withDb(runtime.lakeDir, async (db) => {
      const [row] = await db.query(
        'select status, topics_status, summary_status, toxicity_status, primary_topic, summary from calls',
      );
      expect(row).toMatchObject({
        status: 'processed',
        topics_status: 'off',
        summary_status: 'off',
        toxicity_status: 'ok',
        primary_topic: null,
        summary: null,
      });
      expect(await db.query('select state from call_status')).toEqual([{ state: 'processed' }]);
    });
  });
});
