import { describe, expect, it } from 'vitest';
import { createLocalSummarizer } from '../../adapters/local/summary/extractive-summarizer.js';
import { summarizeCall } from '../../core/enrich/summary.js';
import type { Summarizer } from '../../core/ports/summarizer.js';
import { callWithTurns } from './call-fixture.js';

const CALL = callWithTurns([
  ['IVR', 'Thank you for calling. Your call may be recorded.'],
  ['AGENT', 'Thank you for calling First Bank, this is Sam. How can I help you today?'],
  ['CUSTOMER', 'Hi. Yes.'],
  ['CUSTOMER', 'My name is [PII].'],
  ['CUSTOMER', 'I was charged a late fee on my statement even though I paid on time. I want it removed.'],
  ['AGENT', 'Let me check. I can see the payment arrived one day after the due date.'],
  ['AGENT', "I've removed the late fee as a courtesy. You'll see the credit on your next statement."],
  ['CUSTOMER', 'Great, that fixed it. Thanks.'],
  ['AGENT', 'Is there anything else I can help you with? Have a great day.'],
]);

describe('extractive summarizer', () => {
  it("quotes the customer's first real request and the agent's last action", async () => {
    // Act
    const { value, lineage } = await summarizeCall(CALL, createLocalSummarizer());
    // Assess
    expect(value.reasonForCall).toBe(
      'I was charged a late fee on my statement even though I paid on time. I want it removed.',
    );
    expect(value.resolution).toBe(
      "I've removed the late fee as a courtesy. You'll see the credit on your next statement.",
    );
    expect(value.summary).toBe(`Customer: ${value.reasonForCall} Agent: ${value.resolution}`);
    expect(value.actionItems).toEqual([]);
    expect(value.resolved).toBe(true);
    expect(lineage).toMatchObject({ engine: 'local-extractive', model: null, promptHash: null });
  });

  it('never takes IVR prompts, greetings or identification as the request', async () => {
    const { value } = await summarizeCall(CALL, createLocalSummarizer());
    for (const filler of ['Your call may be recorded', 'Hi. Yes.', 'My name is']) {
      expect(value.summary).not.toContain(filler);
    }
  });

  it('leaves what the call does not say as null instead of guessing', async () => {
    // Prepare: no resolution, no commitment, no callback, no word on the outcome
    const doc = callWithTurns([
      ['AGENT', 'Good morning, how can I help?'],
      ['CUSTOMER', 'I need to know why my card was declined at the store yesterday.'],
      ['AGENT', 'Let me look into it.'],
      ['CUSTOMER', 'Hello? Hello?'],
    ]);
    // Act
    const { value } = await summarizeCall(doc, createLocalSummarizer());
    // Assess
    expect(value).toEqual({
      summary: 'Customer: I need to know why my card was declined at the store yesterday.',
      reasonForCall: 'I need to know why my card was declined at the store yesterday.',
      resolution: null,
      resolved: null,
      callbackNeeded: null,
      actionItems: [],
    });
  });

  it('marks a callback only when one is promised', async () => {
    const doc = callWithTurns([
      ['CUSTOMER', 'I want to know the status of my claim for the water damage.'],
      ['AGENT', 'The adjuster will call you back by Friday with an update.'],
    ]);
    const { value } = await summarizeCall(doc, createLocalSummarizer());
    expect(value.callbackNeeded).toBe(true);
    expect(value.actionItems).toEqual(['The adjuster will call you back by Friday with an update.']);
  });

  it('gives the same summary on every run', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => summarizeCall(CALL, createLocalSummarizer())));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('does not call the engine for a call in which nobody spoke', async () => {
    // Prepare
    let calls = 0;
    const engine: Summarizer = {
      summarize: async () => {
        calls += 1;
        throw new Error('must not be called');
      },
      lineage: () => ({ engine: 'x', version: '1', model: null, promptHash: null, note: null }),
    };
    const doc = callWithTurns([['IVR', 'Our offices are closed.']]);
    // Act
    const { value } = await summarizeCall(doc, engine);
    // Assess
    expect(calls).toBe(0);
    expect(value).toEqual({
      summary: null,
      reasonForCall: null,
      resolution: null,
      resolved: null,
      callbackNeeded: null,
      actionItems: [],
    });
  });
});
