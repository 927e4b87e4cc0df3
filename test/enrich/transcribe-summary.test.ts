import { describe, expect, it } from 'vitest';
import { preferTranscribe, transcribeAnswersAlone } from '../../core/enrich/transcribe-summary.js';
import type {
  CallDocument,
  CallSummary,
  LineageEntry,
  TranscribeFinding,
} from '../../schemas/call-document.js';
import { callWithTurns } from './call-fixture.js';

const doc = callWithTurns([
  ['CUSTOMER', 'I was charged twice for the same order and want one of them back.'],
  ['AGENT', 'I can see the second charge; I have refunded it.'],
]);
const lineage: LineageEntry = {
  engine: 'local-extractive',
  version: '1',
  model: null,
  promptHash: null,
  note: '',
};
const local: CallSummary = {
  summary: 'The customer was charged twice; the agent refunded one.',
  reasonForCall: 'Billing — duplicate charge: I was charged twice for the same order',
  intent: 'duplicate_charge',
  resolution: 'I have refunded it.',
  resolved: true,
  callbackNeeded: false,
  actionItems: [],
  outcome: 'resolved',
  actions: [],
};

describe('preferTranscribe: the summary a call keeps', () => {
  it("keeps the engine's intent when the engine wrote the summary (a local call)", () => {
    expect(preferTranscribe(doc, {}, { value: local, lineage }).value.intent).toBe('duplicate_charge');
  });

  it("keeps the engine's intent when Transcribe answered the summary and the reason", () => {
    const part = preferTranscribe(
      doc,
      { summary: 'Charged twice; refunded.', reasonForCall: 'duplicate charge' },
      { value: local, lineage },
    );
    expect(part.value).toMatchObject({ summary: 'Charged twice; refunded.', intent: 'duplicate_charge' });
  });

  it('has no intent without an engine (Transcribe names none)', () => {
    expect(preferTranscribe(doc, { summary: 'Charged twice.' }, null).value.intent).toBeNull();
  });
});

describe('transcribeAnswersAlone: what a call keeps when its summary step failed', () => {
  const finding = (kind: TranscribeFinding['kind'], text: string): TranscribeFinding => ({
    kind,
    channel: 'CUSTOMER',
    turnId: null,
    beginMs: 0,
    endMs: 1000,
    text,
    textFrom: 'offsets',
  });
  const withTranscribe = (findings: TranscribeFinding[], summary: string | null = null): CallDocument => ({
    ...doc,
    transcribe: {
      source: 'batch',
      jobName: 'job-6',
      sessionId: null,
      findings,
      summary,
      redactionTypes: [],
      redactedEntities: {},
      categoryMatches: [],
      sentimentByQuarter: [],
      interruptions: [],
    },
  });

  it("keeps Transcribe's reason and resolution, and says which fields came from it and that the step failed", () => {
    const kept = transcribeAnswersAlone(
      withTranscribe([finding('issue', 'charged twice'), finding('outcome', 'refunded the second charge')]),
      'EngineError',
    );
    expect(kept?.value).toMatchObject({
      summary: null,
      reasonForCall: 'charged twice',
      resolution: 'refunded the second charge',
      resolved: null,
      callbackNeeded: null,
      actionItems: [],
      intent: null,
    });
    expect(kept?.lineage).toMatchObject({
      engine: 'amazon-transcribe-call-analytics',
      version: 'job-6',
      note: 'reasonForCall, resolution from amazon-transcribe-call-analytics; summary, resolved, callbackNeeded, actionItems unanswered: the summary step failed (EngineError)',
    });
  });

  it('is null when Transcribe answered nothing (no summary is invented)', () => {
    expect(transcribeAnswersAlone(doc, 'States.Timeout')).toBeNull();
    expect(transcribeAnswersAlone(withTranscribe([]), 'States.Timeout')).toBeNull();
  });
});
