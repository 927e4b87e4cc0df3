import { describe, expect, it } from 'vitest';
import { preferTranscribe } from '../../core/enrich/transcribe-summary.js';
import type { CallSummary, LineageEntry } from '../../schemas/call-document.js';
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
