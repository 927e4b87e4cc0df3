import { describe, expect, it } from 'vitest';
import { callAgentsRows, callCategoriesRows, callRolesRows, callsRow } from '../../core/rows.js';
import { type CallDocument, Journey, type PiiRedactionRecord } from '../../schemas/call-document.js';
import { callWithTurns } from '../enrich/call-fixture.js';

const AT = '2026-01-01T00:00:00.000Z';

/** Two agents: A answers from the queue, B takes over; the customer speaks between them. */
const twoAgentCall = (): CallDocument => {
  const doc = callWithTurns([
    ['IVR', 'Welcome. Please hold.'],
    ['AGENT', 'Hi, this is Ann.'],
    ['CUSTOMER', 'My card was stolen.'],
    ['AGENT', 'Let me transfer you.'],
    ['AGENT', 'Bob here, fraud team.'],
    ['CUSTOMER', 'You people are useless.'],
    ['AGENT', 'I have blocked the card.'],
  ]);
  const who = ['', 'a', '', 'a', 'b', '', 'b'];
  return {
    ...doc,
    turns: doc.turns.map((t, i) => ({
      ...t,
      agentId: t.role === 'AGENT' ? who[i]! : null,
      agentName: t.role === 'AGENT' ? (who[i] === 'a' ? 'Ann' : 'Bob') : null,
      toxicity: i === 5 ? 0.8 : 0.1,
      toxicityLabel: i === 5 ? 'INSULT' : null,
    })),
    journey: {
      ctrStatus: 'matched',
      timeBase: 'recording-metadata',
      direction: 'inbound',
      agentIds: ['a', 'b'],
      queueIds: ['q-general', 'q-fraud'],
      queueNames: ['General', null],
      ivrMs: 4_000,
      queueMs: 30_000,
      holdMs: 0,
      acwMs: 0,
      handleMs: 30_000,
      transfers: 1,
      wrapupCodes: [],
      aniHash: null,
      callerType: 'customer',
      note: null,
      abandoned: false,
      offered: true,
      entryWaitMs: 12_000,
      answerWaitMs: 12_000,
      abandonWaitMs: null,
      abandonedWhile: null,
      agents: [
        { agentId: 'a', name: 'Ann', talkMs: 10_000, holdMs: 0, acwMs: 0, order: 1 },
        { agentId: 'b', name: 'Bob', talkMs: 20_000, holdMs: 0, acwMs: 0, order: 2 },
      ],
    },
    enrichment: {
      toxicity: {
        status: 'ok',
        reason: null,
        max: 0.8,
        toxicTurns: 1,
        threshold: 0.5,
        firstToxicMs: null,
        toxicBy: null,
      },
    },
  };
};

describe('workbench pre-aggregates (core/rows)', () => {
  it('calls: entry queue, misroute flag, toxicity labels', () => {
    const row = callsRow(twoAgentCall(), AT);
    expect(row).toMatchObject({
      entry_queue: 'q-general',
      entry_queue_name: 'General',
      queue_names: '["General",null]',
      transferred_after_queue: true,
      toxicity_labels: '["INSULT"]',
    });
  });

  it('calls: unknown stays null (no CTR, no quarters, toxicity not run)', () => {
    const row = callsRow(callWithTurns([['CUSTOMER', 'hello']]), AT);
    expect(row).toMatchObject({
      entry_queue: null,
      entry_queue_name: null,
      queue_names: null,
      transferred_after_queue: null,
      toxicity_labels: null,
    });
  });

  it('calls: a journey merged before ctr merge 1.6.0 (no entry-queue fields) gives the entry queue columns null, unknown, never false or 0', () => {
    // Prepare: the document as stored before 1.6.0, read back through its schema
    const doc = twoAgentCall();
    const {
      offered: _o,
      entryWaitMs: _e,
      answerWaitMs: _a,
      abandonWaitMs: _w,
      abandonedWhile: _b,
      ...before160
    } = doc.journey!;
    // Act
    const row = callsRow({ ...doc, journey: Journey.parse(before160) }, AT);
    // Assess: the journey's other columns are there, the 1.6.0 ones unknown
    expect(row).toMatchObject({ queue_ms: 30_000, abandoned: false });
    expect(row).toMatchObject({
      offered: null,
      entry_wait_ms: null,
      answer_wait_ms: null,
      abandon_wait_ms: null,
      short_abandon: null,
      abandoned_while: null,
    });
  });

  it("calls: redacted_entities counts debrief's own redactions by type too, debrief_redacted_entities only those (a compliance trial: call-9001 │ 14 │ [] │ {} for 14 redactions RedactPii made)", () => {
    // Prepare: Transcribe redacted two names; RedactPii found a postcode, a NINO and a third name
    const doc = callWithTurns([['CUSTOMER', '[PII] [PII] at [PII], NI [PII], [PII].']]);
    const record = (
      type: PiiRedactionRecord['type'],
      word: number,
      upstream: boolean,
    ): PiiRedactionRecord => ({
      type,
      turn: 0,
      word,
      firstWord: word,
      lastWord: word,
      beginMs: 0,
      endMs: 0,
      upstream,
    });
    const pii: CallDocument['pii'] = {
      mode: 'default',
      redactions: [
        record('NAME', 0, true),
        record('NAME', 1, true),
        record('ADDRESS', 3, false),
        record('UK_NATIONAL_INSURANCE_NUMBER', 5, false),
        record('NAME', 6, false),
      ],
      summaryRedactions: 1,
    };
    const transcribe: CallDocument['transcribe'] = {
      source: 'batch',
      jobName: 'j',
      sessionId: null,
      findings: [],
      summary: null,
      redactionTypes: ['PII'],
      redactedEntities: { NAME: 2 },
      categoryMatches: [],
      sentimentByQuarter: [],
      interruptions: [],
    };
    const unredactedInput = { ...transcribe, redactionTypes: [], redactedEntities: {} };
    const columns = (d: CallDocument) => {
      const row = callsRow(d, AT);
      return [row.pii_redactions, row.redaction_types, row.redacted_entities, row.debrief_redacted_entities];
    };
    // Act
    const both = columns({ ...doc, pii, transcribe });
    const oursOnly = columns({
      ...doc,
      pii: { ...pii, redactions: pii.redactions.filter((r) => !r.upstream) },
      transcribe: unredactedInput,
    });
    const noTranscribeReport = columns({ ...doc, pii, transcribe: null });
    const off = columns({ ...doc, pii: { mode: 'off', redactions: [], summaryRedactions: 0 }, transcribe });
    const notRedacted = columns({ ...doc, pii: null, transcribe });
    // Assess
    expect(both).toEqual([
      6,
      '["PII"]',
      '{"NAME":3,"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1}',
      '{"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1,"NAME":1}',
    ]);
    expect(oursOnly).toEqual([
      4,
      '[]',
      '{"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1,"NAME":1}',
      '{"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1,"NAME":1}',
    ]);
    // Without Transcribe's report, the [PII] items the transcript came with are counted.
    expect(noTranscribeReport).toEqual([
      6,
      null,
      '{"NAME":3,"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1}',
      '{"ADDRESS":1,"UK_NATIONAL_INSURANCE_NUMBER":1,"NAME":1}',
    ]);
    expect(off).toEqual([0, '["PII"]', '{"NAME":2}', '{}']);
    expect(notRedacted).toEqual([null, '["PII"]', '{"NAME":2}', null]);
  });

  it("calls: topic_source says whether the model or an analyst's correction gave the topic", () => {
    const doc = callWithTurns([['CUSTOMER', 'I want to pay my bill.']]);
    const topics = (source?: 'model' | 'correction', status: 'ok' | 'failed' | 'off' = 'ok') => ({
      ...doc,
      enrichment: {
        topics: {
          status,
          reason: null,
          matches: status === 'ok' ? [{ topic: 'billing', score: 1, rank: 1 }] : [],
          ...(source ? { source } : {}),
        },
      },
    });
    const row = (d: CallDocument) => callsRow(d, AT);
    expect(row(topics('correction'))).toMatchObject({ primary_topic: 'billing', topic_source: 'correction' });
    expect(row(topics('model')).topic_source).toBe('model');
    // A document folded before the part said its source: the model's answer.
    expect(row(topics()).topic_source).toBe('model');
    // Topics that did not run: nobody gave one.
    expect(row(topics(undefined, 'failed')).topic_source).toBeNull();
    expect(row(topics(undefined, 'off')).topic_source).toBeNull();
    expect(row(doc).topic_source).toBeNull();
  });

  it('call_agents: speech, customer speech while the agent was on, toxic turns', () => {
    const [ann, bob] = callAgentsRows(twoAgentCall(), AT);
    // Turns are 4 s long, 5 s apart: Ann speaks in turns 1 and 3 (5–19 s) and hears turn 2.
    expect(ann).toMatchObject({ agent_id: 'a', speech_ms: 8_000, customer_speech_ms: 4_000 });
    expect(bob).toMatchObject({ agent_id: 'b', speech_ms: 8_000, customer_speech_ms: 4_000 });
    // The insult is the customer's, not Bob's.
    expect([ann?.toxic_turns, bob?.toxic_turns]).toEqual([0, 0]);
    expect([ann?.turns, bob?.turns]).toEqual([2, 2]);
  });

  it('call_agents: the customer toxic turns said to each agent (the agent whose turn began last before)', () => {
    const base = twoAgentCall();
    // The insult (turn 5) came after Bob's first turn: said to Bob, not to Ann, and not Bob's own.
    const [ann, bob] = callAgentsRows(base, AT);
    expect([ann?.customer_toxic_turns, bob?.customer_toxic_turns]).toEqual([0, 1]);
    expect([ann?.toxic_turns, bob?.toxic_turns]).toEqual([0, 0]);
    // The customer's turn 2 toxic too (said to Ann), and a toxic customer turn in the IVR, before
    // any agent spoke (said to nobody); Ann's own toxic turn 3 stays hers alone.
    const toxic = new Set([0, 2, 3, 5]);
    const doc: CallDocument = {
      ...base,
      turns: base.turns.map((t, i) => ({
        ...t,
        role: i === 0 ? 'CUSTOMER' : t.role,
        toxicity: toxic.has(i) ? 0.9 : 0.1,
        toxicityLabel: toxic.has(i) ? 'INSULT' : null,
      })),
    };
    const [ann2, bob2] = callAgentsRows(doc, AT);
    expect([ann2?.customer_toxic_turns, bob2?.customer_toxic_turns]).toEqual([1, 1]);
    expect([ann2?.toxic_turns, bob2?.toxic_turns]).toEqual([1, 0]);
  });

  it('call_agents: a customer toxic turn in the queue after a transfer, or on hold, is said to nobody (review21)', () => {
    // Ann transfers; the queue plays its announcement; the customer swears at the hold music
    // (turn 5): Ann has left the line and Bob has not answered yet. Then Bob is insulted (turn 7).
    const doc = callWithTurns([
      ['IVR', 'Welcome. Please hold.'],
      ['AGENT', 'Hi, this is Ann.'],
      ['CUSTOMER', 'My card was stolen.'],
      ['AGENT', 'Let me transfer you to the fraud team.'],
      ['IVR', 'All our specialists are busy. Please continue to hold.'],
      ['CUSTOMER', 'This is ridiculous, damn you all.'],
      ['AGENT', 'Bob here, fraud team.'],
      ['CUSTOMER', 'You people are useless.'],
    ]);
    const who = ['', 'a', '', 'a', '', '', 'b', ''];
    const base = twoAgentCall();
    const call: CallDocument = {
      ...base,
      turns: doc.turns.map((t, i) => ({
        ...t,
        agentId: t.role === 'AGENT' ? who[i]! : null,
        agentName: t.role === 'AGENT' ? (who[i] === 'a' ? 'Ann' : 'Bob') : null,
        toxicity: i === 5 || i === 7 ? 0.9 : 0.1,
        toxicityLabel: i === 5 || i === 7 ? 'INSULT' : null,
      })),
    };
    const [ann, bob] = callAgentsRows(call, AT);
    expect([ann?.customer_toxic_turns, bob?.customer_toxic_turns]).toEqual([0, 1]);
  });

  it("call_agents: the call's figures from its calls row, the interruptions each agent made", () => {
    const doc = twoAgentCall();
    const call = {
      ...callsRow(doc, AT),
      customer_sentiment: -1.5,
      customer_sentiment_q1: -2,
      customer_sentiment_q4: 0.5,
      handle_ms: 321_000,
      primary_topic: 'billing',
    };
    const cut = (interrupter: 'AGENT' | 'CUSTOMER', agent_id: string | null, i: number) => ({
      call_id: doc.callId,
      dt: doc.dt,
      interruption_index: i,
      interrupter,
      agent_id,
      begin_ms: 0,
      end_ms: 1,
      duration_ms: 1,
      written_at: AT,
    });
    // Bob cut in twice; the customer cut Ann off (not Ann's); one with no agent on the line.
    const interruptions = [
      cut('AGENT', 'b', 0),
      cut('CUSTOMER', 'a', 1),
      cut('AGENT', 'b', 2),
      cut('AGENT', null, 3),
    ];
    const [ann, bob] = callAgentsRows(doc, AT, call, interruptions);
    const copied = {
      call_customer_sentiment: -1.5,
      call_customer_sentiment_q1: -2,
      call_customer_sentiment_q4: 0.5,
      call_handle_ms: 321_000,
      call_primary_topic: 'billing',
    };
    expect(ann).toMatchObject({ ...copied, interruptions_made: 0 });
    expect(bob).toMatchObject({ ...copied, interruptions_made: 2 });
    // Without them given, the rows WriteResults writes for `calls` and `call_interruptions`.
    const [plain] = callAgentsRows(doc, AT);
    const row = callsRow(doc, AT);
    expect(plain).toMatchObject({
      call_handle_ms: row.handle_ms,
      call_primary_topic: row.primary_topic,
      call_customer_sentiment: row.customer_sentiment,
      interruptions_made: 0,
    });
  });

  it('call_roles: one row per role that speaks, with its turns, talk, words, sentiment and toxic turns', () => {
    const base = twoAgentCall();
    const sentiments = [null, 'POSITIVE', 'NEGATIVE', 'NEUTRAL', 'POSITIVE', 'NEGATIVE', 'MIXED'] as const;
    const doc: CallDocument = {
      ...base,
      turns: base.turns.map((t, i) => ({
        ...t,
        sentiment: sentiments[i] ?? null,
        // A punctuation item is not a word; sub-millisecond times round as in `turns`.
        words: [...t.text.split(' '), '.'].map((text) => ({
          text,
          beginMs: t.beginMs,
          endMs: t.endMs,
          confidence: null,
          redaction: null,
          punctuation: text === '.',
        })),
        beginMs: t.beginMs + 0.6,
      })),
    };
    const rows = callRolesRows(doc, AT);
    expect(rows.map((r) => r.role)).toEqual(['CUSTOMER', 'AGENT', 'IVR']);
    const [customer, agent, ivr] = rows;
    expect(customer).toEqual({
      call_id: doc.callId,
      dt: doc.dt,
      role: 'CUSTOMER',
      turns: 2,
      talk_ms: 7_998,
      words: 8,
      positive_turns: 0,
      negative_turns: 2,
      neutral_turns: 0,
      mixed_turns: 0,
      toxic_turns: 1,
      written_at: AT,
    });
    expect(agent).toMatchObject({
      turns: 4,
      talk_ms: 15_996,
      words: 4 + 4 + 4 + 5,
      positive_turns: 2,
      neutral_turns: 1,
    });
    expect(agent).toMatchObject({ mixed_turns: 1, negative_turns: 0, toxic_turns: 0 });
    expect(ivr).toMatchObject({
      turns: 1,
      positive_turns: 0,
      negative_turns: 0,
      neutral_turns: 0,
      mixed_turns: 0,
    });
    // Counted turns add up to the call's.
    expect(rows.reduce((n, r) => n + r.turns, 0)).toBe(callsRow(doc, AT).turn_count);
    expect(callRolesRows({ ...doc, turns: [] }, AT)).toEqual([]);
  });

  it("call_categories: a timed match's words from both channels in time order, punctuation left out", () => {
    const base = callWithTurns([
      ['AGENT', 'Is the card blocked?'],
      ['CUSTOMER', 'Yes it is.'],
    ]);
    // Each word 100 ms long from its turn's start; the customer speaks over the agent's last words,
    // and the agent's question mark (400–500 ms, not a word) falls inside the match.
    const timedWords = (t: CallDocument['turns'][number], from: number) =>
      [...t.text.replace(/[?.]/g, '').split(' '), '?'].map((text, i) => ({
        text,
        beginMs: from + 100 * i,
        endMs: from + 100 * i + 100,
        confidence: null,
        redaction: null,
        punctuation: text === '?',
      }));
    const doc: CallDocument = {
      ...base,
      categories: ['card-blocked', 'complaint'],
      turns: [
        { ...base.turns[0]!, words: timedWords(base.turns[0]!, 0) },
        { ...base.turns[1]!, words: timedWords(base.turns[1]!, 250) },
      ],
      transcribe: {
        source: 'batch',
        jobName: 'j',
        sessionId: null,
        findings: [],
        summary: null,
        redactionTypes: [],
        redactedEntities: {},
        categoryMatches: [
          { category: 'card-blocked', beginMs: 200, endMs: 450 },
          { category: 'card-blocked', beginMs: 5_000, endMs: 6_000 },
          { category: 'card-blocked', beginMs: null, endMs: null },
        ],
        sentimentByQuarter: [],
        interruptions: [],
      },
    };
    const rows = callCategoriesRows(doc, AT);
    expect(rows.map((r) => [r.category, r.match_index, r.begin_ms, r.end_ms, r.matched_text])).toEqual([
      ['card-blocked', 0, 200, 450, 'card Yes blocked it'],
      ['card-blocked', 1, 5_000, 6_000, null],
      ['card-blocked', 2, null, null, null],
      ['complaint', 3, null, null, null],
    ]);
  });

  it("call_categories follows the document's categories: a timed match of a category a post-processor removed writes no row (found by trial: calls.categories [] beside fraud-report-intent,124002 in call_categories)", () => {
    const base = callWithTurns([['CUSTOMER', 'Someone used my card.']]);
    const doc: CallDocument = {
      ...base,
      categories: ['vip'],
      transcribe: {
        source: 'batch',
        jobName: 'j',
        sessionId: null,
        findings: [],
        summary: null,
        redactionTypes: [],
        redactedEntities: {},
        categoryMatches: [
          { category: 'fraud-report-intent', beginMs: 124_002, endMs: 130_000 },
          { category: 'transfer', beginMs: null, endMs: null },
        ],
        sentimentByQuarter: [],
        interruptions: [],
      },
    };
    expect(callCategoriesRows(doc, AT).map((r) => [r.category, r.match_index, r.begin_ms])).toEqual([
      ['vip', 0, null],
    ]);
    expect(callCategoriesRows({ ...doc, categories: [] }, AT)).toEqual([]);
  });
});
