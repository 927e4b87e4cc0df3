import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCorrection, correctionsFile } from '../../adapters/local/topics/corrections-file.js';
import { loadDocument } from '../../core/call-store.js';
import type { StepDeps } from '../../core/steps/deps.js';
import { steps } from '../../core/steps/index.js';
import type { CallDocument } from '../../schemas/call-document.js';
import type { CallState, EnrichmentBranchResult } from '../../schemas/workflow.js';
import { freshRuntime, putInbox, withDb } from '../helpers/local-runtime.js';
import { TCA_FIXTURE } from '../helpers/paths.js';

/**
 * The fixture's call ("I would like to cancel my recipe subscription": cancellation) without
 * Transcribe's issues, outcomes and summary, so the embedded summarizer writes the reason for the
 * call and names it with the call's topic ("cancellation: …", or an analyst's topic).
 */
const plainTranscript = (): string => {
  const tca = JSON.parse(readFileSync(TCA_FIXTURE, 'utf8')) as {
    Transcript: Record<string, unknown>[];
    ConversationCharacteristics: Record<string, unknown>;
  };
  for (const turn of tca.Transcript) {
    delete turn.IssuesDetected;
    delete turn.OutcomesDetected;
    delete turn.ActionItemsDetected;
  }
  delete tca.ConversationCharacteristics.ContactSummary;
  return JSON.stringify(tca);
};

const keys = (callId: string) => ({
  transcript: `inbox/${callId}.tca.json`,
  audio: null,
  ctr: null,
  recording: null,
});

/**
 * One run of the main path, step by step, in an order the Enrich Parallel state allows
 * (DetectTopics finishes before SummarizeCall starts); `between` runs after DetectTopics.
 */
const runInRaceOrder = async (
  deps: StepDeps,
  callId: string,
  between: () => void = () => undefined,
): Promise<CallDocument> => {
  let state = (await steps.LoadCall({ callId, keys: keys(callId) }, deps)) as CallState;
  state = (await steps.MergeCtr(state, deps)) as CallState;
  state = (await steps.RedactPii(state, deps)) as CallState;
  const topics = (await steps.DetectTopics(state, deps)) as EnrichmentBranchResult;
  between();
  const summary = (await steps.SummarizeCall(state, deps)) as EnrichmentBranchResult;
  const toxicity = (await steps.DetectToxicity(state, deps)) as EnrichmentBranchResult;
  state = (await steps.ApplyEnrichment({ ...state, parts: [topics, summary, toxicity] }, deps)) as CallState;
  return loadDocument(deps.store, state.documentKey);
};

const primaryTopic = (doc: CallDocument) => doc.enrichment.topics?.matches.find((m) => m.rank === 1)?.topic;
/** The topic the summary's reason for the call is named with ("<topic>[ — <intent>]: <quote>"). */
const summaryTopic = (doc: CallDocument) =>
  /^([a-z_]+)(?: — [^:]+)?: /.exec(doc.enrichment.summary?.value?.reasonForCall ?? '')?.[1];

describe("an analyst's topic correction is read once per run (LoadCall) and carried in the call document", () => {
  it('a correction landing between DetectTopics and SummarizeCall gives neither of them another topic in that run', async () => {
    // Prepare
    const { runtime } = freshRuntime();
    putInbox(runtime, { 'race-1.tca.json': plainTranscript() });
    // Act: the analyst corrects the call after DetectTopics ran and before SummarizeCall does.
    const doc = await runInRaceOrder(runtime.deps, 'race-1', () =>
      appendCorrection(runtime.home, { callId: 'race-1', topic: 'billing', at: '2026-11-30T09:00:00Z' }),
    );
    // Assess: topics and summary agree on the model's topic; the correction waits for the next run.
    expect(doc.enrichment.summary?.status).toBe('ok');
    expect(primaryTopic(doc)).toBe('cancellation');
    expect(summaryTopic(doc)).toBe(primaryTopic(doc));
    expect(doc.enrichment.topics?.source).toBe('model');
    expect(doc.topicCorrection).toBeNull();
    // The next run reads it at LoadCall: both parts name the corrected topic.
    const next = await runInRaceOrder(runtime.deps, 'race-1');
    expect(primaryTopic(next)).toBe('billing');
    expect(summaryTopic(next)).toBe('billing');
    expect(next.enrichment.topics?.source).toBe('correction');
    expect(next.topicCorrection).toEqual({ topic: 'billing', at: '2026-11-30T09:00:00Z' });
    expect(next.lineage.topics?.note).toMatch(
      /^corrected by an analyst on 2026-11-30; the model said cancellation \(\d\.\d\d\)$/,
    );
  });

  it('a correction changed after LoadCall: both parts of the run apply the one LoadCall read', async () => {
    // Prepare
    const { runtime } = freshRuntime();
    putInbox(runtime, { 'race-2.tca.json': plainTranscript() });
    appendCorrection(runtime.home, { callId: 'race-2', topic: 'none', at: '2026-11-30T09:00:00Z' });
    // Act: the analyst's file changes under the run (a later correction of the call to billing).
    const doc = await runInRaceOrder(runtime.deps, 'race-2', () =>
      appendCorrection(runtime.home, { callId: 'race-2', topic: 'billing', at: '2026-11-30T10:00:00Z' }),
    );
    // Assess: the run's correction (none: no topic) for both; the summary is not named billing.
    expect(doc.topicCorrection).toEqual({ topic: 'none', at: '2026-11-30T09:00:00Z' });
    expect(doc.enrichment.topics?.matches).toEqual([]);
    expect(doc.enrichment.topics?.source).toBe('correction');
    expect(doc.enrichment.summary?.status).toBe('ok');
    expect(summaryTopic(doc)).toBeUndefined();
  });

  it('without corrections in the deps (AWS) the document has no correction field and the model answers', async () => {
    // Prepare
    const { runtime } = freshRuntime();
    putInbox(runtime, { 'race-3.tca.json': plainTranscript() });
    appendCorrection(runtime.home, { callId: 'race-3', topic: 'billing', at: '2026-11-30T09:00:00Z' });
    const { topicCorrection: _local, ...aws } = runtime.deps;
    // Act
    const doc = await runInRaceOrder(aws, 'race-3');
    // Assess
    expect('topicCorrection' in doc).toBe(false);
    expect(primaryTopic(doc)).toBe('cancellation');
    expect(summaryTopic(doc)).toBe('cancellation');
    expect(doc.enrichment.topics?.source).toBe('model');
  });

  it("an unreadable corrections file fails the run's topics and summary (the call partial, saying why), never quarantines the call", async () => {
    // Prepare: the analysts' file edited by hand into a CSV that does not parse (a quote left open).
    const { runtime, runner } = freshRuntime();
    putInbox(runtime, { 'race-4.tca.json': plainTranscript() });
    const file = correctionsFile(runtime.home);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'call_id,topic,corrected_at\nrace-4,"billing\n');
    // Act: the whole workflow (real ASL), as debrief run does.
    const result = await runner.run({ callId: 'race-4', keys: keys('race-4') });
    // Assess: a problem of the home, not of the call: its transcript lands, topics and summary
    // failed naming the file (as when each step read it), toxicity ran.
    expect(result.quarantine).toBeNull();
    expect(result.statesRun).toEqual(
      expect.arrayContaining(['DetectTopicsDegraded', 'SummarizeCallDegraded']),
    );
    expect(result.statesRun).not.toContain('QuarantineCall');
    await withDb(runtime.lakeDir, async (db) => {
      const [row] = await db.query(
        'select status, status_reason, topics_status, summary_status, toxicity_status, topic_source from calls',
      );
      expect(row).toMatchObject({
        status: 'partial',
        topics_status: 'failed',
        summary_status: 'failed',
        toxicity_status: 'ok',
        topic_source: null,
      });
      expect(String(row?.status_reason)).toContain(`topics: ${file}: Quote Not Closed`);
      expect(String(row?.status_reason)).toContain(`summary: ${file}: Quote Not Closed`);
    });
    // Mended, the next run applies the correction.
    writeFileSync(file, 'call_id,topic,corrected_at\nrace-4,billing,2026-11-30T09:00:00Z\n');
    const next = await runInRaceOrder(runtime.deps, 'race-4');
    expect(primaryTopic(next)).toBe('billing');
    expect(summaryTopic(next)).toBe('billing');
  });
});
