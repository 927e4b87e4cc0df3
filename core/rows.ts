import type { CallDocument, Turn } from '../schemas/call-document.js';
import type {
  CallAgentsRow,
  CallCategoriesRow,
  CallFindingsRow,
  CallInterruptionsRow,
  CallMetricsRow,
  CallRolesRow,
  CallStatusRow,
  CallsRow,
  CallTopicsRow,
  TurnsRow,
} from '../schemas/tables.js';
import { agentLabel } from './agents/users-export.js';
import { coveredMs } from './call-document.js';
import { SHORT_ABANDON_MS } from './ctr/queue-outcome.js';
import { subtractSpans } from './ctr/span.js';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * The redactions in the call's text per PII entity type: `all`, what came redacted (Transcribe's
 * own count, or, without Transcribe's report, the `[PII]` items RedactPii found in the transcript)
 * plus what RedactPii found itself; `ours`, what RedactPii found. null without either source.
 * Values removed from summaries and findings (`pii.summaryRedactions`) have no type and are not
 * counted here (`pii_redactions` counts them).
 */
const redactedEntities = (
  doc: CallDocument,
): { all: Record<string, number> | null; ours: Record<string, number> | null } => {
  const tx = doc.transcribe;
  if (!doc.pii) return { all: tx ? tx.redactedEntities : null, ours: null };
  const count = (into: Record<string, number>, type: string) => {
    into[type] = (into[type] ?? 0) + 1;
  };
  const all: Record<string, number> = { ...(tx?.redactedEntities ?? {}) };
  const ours: Record<string, number> = {};
  for (const r of doc.pii.redactions)
    if (!r.upstream) {
      count(ours, r.type);
      count(all, r.type);
    } else if (!tx) count(all, r.type);
  return { all, ours };
};
const round = (n: number): number => Math.round(n);
const msOrNull = (n: number | null | undefined): number | null =>
  n === null || n === undefined ? null : round(n);

/** `processed`, or `partial` when an enrichment part failed (the reasons are on the document). */
export const callState = (doc: CallDocument): 'processed' | 'partial' =>
  doc.problems.length > 0 ? 'partial' : 'processed';

/** Turns at or over the call's toxicity threshold (the ones the toxicity step labelled). */
const toxicTurns = (doc: CallDocument): Turn[] => {
  const threshold = doc.enrichment.toxicity?.threshold;
  return doc.turns.filter((t) =>
    t.toxicity !== null && threshold !== undefined ? t.toxicity >= threshold : t.toxicityLabel !== null,
  );
};

/** `<version>@<sha256 12>` of the topic engine's model, or its version when it has no model file. */
const topicModel = (doc: CallDocument): string | null => {
  const l = doc.lineage.topics;
  if (l === undefined) return null;
  return l.modelHash ? `${l.version}@${l.modelHash.slice(0, 12)}` : `${l.engine} ${l.version}`;
};

export const callsRow = (doc: CallDocument, writtenAt: string): CallsRow => {
  // Without a matching CTR the journey is unknown, not zero: nulls keep averages honest.
  const j = doc.journey?.ctrStatus === 'matched' ? doc.journey : null;
  const topics = doc.enrichment.topics;
  const summary = doc.enrichment.summary;
  const tox = doc.enrichment.toxicity;
  const primary = topics?.matches.find((m) => m.rank === 1) ?? null;
  const tx = doc.transcribe;
  const entities = redactedEntities(doc);
  const quarter = (role: 'AGENT' | 'CUSTOMER', q: number) =>
    tx?.sentimentByQuarter.find((s) => s.role === role && s.quarter === q)?.score ?? null;
  return {
    call_id: doc.callId,
    dt: doc.dt,
    conversation_id: doc.conversationId,
    started_at: doc.startedAt,
    duration_ms: round(doc.durationMs),
    language: doc.language,
    agent_talk_ms: round(doc.metrics.agentTalkMs),
    customer_talk_ms: round(doc.metrics.customerTalkMs),
    non_talk_ms: round(doc.metrics.nonTalkMs),
    interruptions: doc.metrics.interruptions,
    agent_sentiment: doc.metrics.agentSentiment,
    customer_sentiment: doc.metrics.customerSentiment,
    agent_wpm: doc.metrics.agentWpm,
    customer_wpm: doc.metrics.customerWpm,
    turn_count: doc.turns.length,
    redacted: doc.redacted,
    role_source: doc.roleSource,
    pii_redactions: doc.pii ? doc.pii.redactions.length + doc.pii.summaryRedactions : null,
    categories: json(doc.categories),
    status: callState(doc),
    status_reason:
      doc.problems.length > 0 ? doc.problems.map((p) => `${p.part}: ${p.reason}`).join('; ') : null,
    ctr_status: doc.journey?.ctrStatus ?? null,
    time_base: doc.journey?.timeBase ?? null,
    direction: j?.direction ?? null,
    agent_ids: j ? json(j.agentIds) : null,
    queue_ids: j ? json(j.queueIds) : null,
    agent_count: j ? j.agentIds.length : null,
    ivr_ms: j ? round(j.ivrMs) : null,
    queue_ms: j ? round(j.queueMs) : null,
    hold_ms: j ? round(j.holdMs) : null,
    acw_ms: j ? round(j.acwMs) : null,
    handle_ms: j && j.handleMs !== null ? round(j.handleMs) : null,
    transfers: j?.transfers ?? null,
    wrapup_codes: j ? json(j.wrapupCodes) : null,
    ani_hash: j?.aniHash ?? null,
    primary_topic: primary?.topic ?? null,
    primary_topic_score: primary?.score ?? null,
    topics_status: topics?.status ?? null,
    topic_model: topicModel(doc),
    summary: summary?.value?.summary ?? null,
    reason_for_call: summary?.value?.reasonForCall ?? null,
    intent: summary?.value?.intent ?? null,
    resolution: summary?.value?.resolution ?? null,
    resolved: summary?.value?.resolved ?? null,
    callback_needed: summary?.value?.callbackNeeded ?? null,
    action_items: summary?.value ? json(summary.value.actionItems) : null,
    outcome: summary?.value?.outcome ?? null,
    actions: summary?.value ? json(summary.value.actions ?? []) : null,
    summary_status: summary?.status ?? null,
    toxicity_max: tox?.max ?? null,
    toxic_turns: tox?.toxicTurns ?? null,
    first_toxic_ms:
      tox?.firstToxicMs === null || tox?.firstToxicMs === undefined ? null : round(tox.firstToxicMs),
    toxic_by: tox?.toxicBy ?? null,
    toxicity_status: tox?.status ?? null,
    lineage: json(doc.lineage),
    written_at: writtenAt,
    ctr_note: doc.journey?.note ?? null,
    caller_type: j?.callerType ?? null,
    transcript_source: tx?.source ?? null,
    // A failed summary step keeps Transcribe's answers: Transcribe wrote `summary` when it gave one.
    summary_engine:
      summary?.status === 'ok' || (summary?.value?.summary ?? null) !== null
        ? (doc.lineage.summary?.engine ?? null)
        : null,
    transcribe_summary: tx?.summary ?? null,
    redaction_types: tx ? json(tx.redactionTypes) : null,
    redacted_entities: entities.all ? json(entities.all) : null,
    agent_sentiment_q1: quarter('AGENT', 1),
    agent_sentiment_q2: quarter('AGENT', 2),
    agent_sentiment_q3: quarter('AGENT', 3),
    agent_sentiment_q4: quarter('AGENT', 4),
    customer_sentiment_q1: quarter('CUSTOMER', 1),
    customer_sentiment_q2: quarter('CUSTOMER', 2),
    customer_sentiment_q3: quarter('CUSTOMER', 3),
    customer_sentiment_q4: quarter('CUSTOMER', 4),
    entry_queue: j?.queueIds[0] ?? null,
    transferred_after_queue: j ? j.queueMs > 0 && j.transfers > 0 : null,
    toxicity_labels:
      tox?.status === 'ok'
        ? json(
            [...new Set(toxicTurns(doc).flatMap((t) => (t.toxicityLabel ? [t.toxicityLabel] : [])))].sort(),
          )
        : null,
    entry_queue_name: j?.queueIds.length ? (j.queueNames[0] ?? null) : null,
    queue_names: j ? json(j.queueIds.map((_, i) => j.queueNames[i] ?? null)) : null,
    // A topics part folded in before its source was kept came from the model.
    topic_source: topics?.status === 'ok' ? (topics.source ?? 'model') : null,
    debrief_redacted_entities: entities.ours ? json(entities.ours) : null,
    has_recording: doc.hasRecording,
    abandoned: j?.abandoned ?? null,
    offered: j?.offered ?? null,
    entry_wait_ms: msOrNull(j?.entryWaitMs),
    answer_wait_ms: msOrNull(j?.answerWaitMs),
    abandon_wait_ms: msOrNull(j?.abandonWaitMs),
    short_abandon:
      j?.abandonWaitMs === null || j?.abandonWaitMs === undefined ? null : j.abandonWaitMs < SHORT_ABANDON_MS,
    abandoned_while: j?.abandonedWhile ?? null,
  };
};

export const turnsRows = (doc: CallDocument, writtenAt: string): TurnsRow[] =>
  doc.turns.map((t) => ({
    call_id: doc.callId,
    dt: doc.dt,
    turn_index: t.index,
    role: t.role,
    agent_id: t.agentId,
    agent_name: t.agentName,
    channel: t.channel,
    begin_ms: round(t.beginMs),
    end_ms: round(t.endMs),
    text: t.text,
    sentiment: t.sentiment,
    loudness: t.loudnessMean,
    toxicity: t.toxicity,
    toxicity_label: t.toxicityLabel,
    toxicity_labels: t.toxicity === null ? null : json(t.toxicityLabels),
    written_at: writtenAt,
  }));

/**
 * One row per agent, with per-agent pre-aggregates of the turns (so the scorecard never reads
 * `turns`): the agent's speech, the customer's speech between the agent's first and last turn
 * (talk ratio), the agent's toxic turns and the customer's toxic turns said to the agent; and (so it reads neither `calls` nor
 * `call_interruptions`) the call's sentiment, handle time and topic as its `calls` row holds
 * them, and the `call_interruptions` rows where this agent cut in.
 */
export const callAgentsRows = (
  doc: CallDocument,
  writtenAt: string,
  call: CallsRow = callsRow(doc, writtenAt),
  interruptions: CallInterruptionsRow[] = callInterruptionsRows(doc, writtenAt),
): CallAgentsRow[] => {
  const toxic = new Set(toxicTurns(doc).map((t) => t.index));
  const customer = doc.turns.filter((t) => t.role === 'CUSTOMER');
  // Who a customer turn was said to: the agent on the line, the agent whose turn began last before
  // it on the agent channel; nobody when the IVR spoke since (a prompt, a queue announcement after
  // a transfer, hold audio: the agent is gone or does not hear) or before any agent spoke.
  const lineTurns = doc.turns.filter((t) => t.role !== 'CUSTOMER').sort((x, y) => x.beginMs - y.beginMs);
  // The caller held (any agent's hold segment, with hold audio or silent): no agent listens.
  const held = (doc.journey?.agents ?? []).flatMap((a) => a.holds ?? []);
  const spokenTo = (t: Turn): string | null => {
    if (held.some((h) => t.beginMs >= h.beginMs && t.beginMs < h.endMs)) return null;
    const last = lineTurns.findLast((x) => x.beginMs <= t.beginMs);
    return last?.role === 'AGENT' ? last.agentId : null;
  };
  return (doc.journey?.agents ?? []).map((a) => {
    const own = doc.turns.filter((t) => t.role === 'AGENT' && t.agentId === a.agentId);
    const from = Math.min(...own.map((t) => t.beginMs));
    const to = Math.max(...own.map((t) => t.endMs));
    const heard = subtractSpans(
      customer
        .filter((t) => t.endMs > from && t.beginMs < to)
        .map((t) => ({ beginMs: Math.max(t.beginMs, from), endMs: Math.min(t.endMs, to) })),
      held,
    );
    return {
      call_id: doc.callId,
      dt: doc.dt,
      agent_id: a.agentId,
      name: a.name,
      talk_ms: round(a.talkMs),
      hold_ms: round(a.holdMs),
      acw_ms: round(a.acwMs),
      agent_order: a.order,
      written_at: writtenAt,
      display_name: agentLabel(a.agentId, a.name),
      speech_ms: own.length > 0 ? round(coveredMs(own)) : 0,
      customer_speech_ms: own.length > 0 ? round(coveredMs(heard)) : 0,
      toxic_turns: own.filter((t) => toxic.has(t.index)).length,
      customer_toxic_turns: customer.filter((t) => toxic.has(t.index) && spokenTo(t) === a.agentId).length,
      turns: own.length,
      call_customer_sentiment: call.customer_sentiment,
      call_customer_sentiment_q1: call.customer_sentiment_q1,
      call_customer_sentiment_q4: call.customer_sentiment_q4,
      call_handle_ms: call.handle_ms,
      call_primary_topic: call.primary_topic,
      interruptions_made: interruptions.filter((x) => x.interrupter === 'AGENT' && x.agent_id === a.agentId)
        .length,
    };
  });
};

const ROLES = ['CUSTOMER', 'AGENT', 'IVR'] as const;

/**
 * One row per role that speaks in the call, with the per-role counts of its turns exactly as
 * `turns` holds them (talk from the rounded begin_ms / end_ms), so turn-level questions need
 * no scan of `turns`.
 */
export const callRolesRows = (doc: CallDocument, writtenAt: string): CallRolesRow[] => {
  const toxic = new Set(toxicTurns(doc).map((t) => t.index));
  return ROLES.flatMap((role) => {
    const own = doc.turns.filter((t) => t.role === role);
    if (own.length === 0) return [];
    const sentiment = (s: Turn['sentiment']) => own.filter((t) => t.sentiment === s).length;
    return [
      {
        call_id: doc.callId,
        dt: doc.dt,
        role,
        turns: own.length,
        talk_ms: own.reduce((sum, t) => sum + round(t.endMs) - round(t.beginMs), 0),
        words: own.reduce((sum, t) => sum + t.words.filter((w) => !w.punctuation).length, 0),
        positive_turns: sentiment('POSITIVE'),
        negative_turns: sentiment('NEGATIVE'),
        neutral_turns: sentiment('NEUTRAL'),
        mixed_turns: sentiment('MIXED'),
        toxic_turns: own.filter((t) => toxic.has(t.index)).length,
        written_at: writtenAt,
      },
    ];
  });
};

/** The re-tagged turn on `channel` that covers most of [beginMs, endMs] (the nearest when none does). */
const turnAt = (doc: CallDocument, channel: Turn['channel'], beginMs: number, endMs: number): Turn | null => {
  const mid = (beginMs + endMs) / 2;
  let best: { turn: Turn; score: number } | null = null;
  for (const turn of doc.turns) {
    if (turn.channel !== channel) continue;
    const overlap = Math.min(turn.endMs, endMs) - Math.max(turn.beginMs, beginMs);
    const distance = mid < turn.beginMs ? turn.beginMs - mid : mid > turn.endMs ? mid - turn.endMs : 0;
    const score = overlap > 0 ? overlap : -distance;
    if (!best || score > best.score) best = { turn, score };
  }
  return best?.turn ?? null;
};

export const callFindingsRows = (doc: CallDocument, writtenAt: string): CallFindingsRow[] =>
  (doc.transcribe?.findings ?? []).map((f, i) => {
    const turn = turnAt(doc, f.channel, f.beginMs, f.endMs);
    return {
      call_id: doc.callId,
      dt: doc.dt,
      finding_index: i,
      kind: f.kind,
      text: f.text,
      text_from: f.textFrom,
      channel: f.channel,
      role: turn?.role ?? null,
      agent_id: turn?.agentId ?? null,
      turn_index: turn?.index ?? null,
      begin_ms: round(f.beginMs),
      end_ms: round(f.endMs),
      written_at: writtenAt,
    };
  });

/**
 * One row per category match: Transcribe's points of interest (with times and the matched words),
 * then every other category the call carries (a post-processor's, a rule's) once, without times.
 * The document's `categories` decide which land: a match of a category a post-processor removed
 * from them writes no row (its times stay in `transcribe.categoryMatches`, the call's record of
 * what Transcribe found), or call_categories and category_daily would count what calls.categories
 * no longer has.
 */
export const callCategoriesRows = (doc: CallDocument, writtenAt: string): CallCategoriesRow[] => {
  const kept = new Set(doc.categories);
  const matches = (doc.transcribe?.categoryMatches ?? []).filter((m) => kept.has(m.category));
  const timed = new Set(matches.map((m) => m.category));
  const untimed = doc.categories.filter((c) => !timed.has(c));
  // The call's spoken words, gathered once for all its matches.
  const spoken = matches.length > 0 ? spokenWords(doc) : [];
  return [
    ...matches.map((m) => ({
      category: m.category,
      begin_ms: m.beginMs === null ? null : round(m.beginMs),
      end_ms: m.endMs === null ? null : round(m.endMs),
      matched_text: m.beginMs === null || m.endMs === null ? null : wordsBetween(spoken, m.beginMs, m.endMs),
    })),
    ...untimed.map((category) => ({ category, begin_ms: null, end_ms: null, matched_text: null })),
  ].map((m, i) => ({
    call_id: doc.callId,
    dt: doc.dt,
    category: m.category,
    match_index: i,
    begin_ms: m.begin_ms,
    end_ms: m.end_ms,
    matched_text: m.matched_text,
    written_at: writtenAt,
  }));
};

/**
 * One row per custom metric a post-processor set (`customMetrics`), in name order (the same call
 * always writes the same rows). None for a call without any: a reprocess that drops a metric
 * writes no row of it, and the status commit hides the earlier write's (latest-write.ts).
 */
export const callMetricsRows = (doc: CallDocument, writtenAt: string): CallMetricsRow[] =>
  Object.entries(doc.customMetrics ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ call_id: doc.callId, dt: doc.dt, name, value, written_at: writtenAt }));

/** Every turn's words but punctuation, in turn order (one loop: flatMap then filter copied every word twice). */
const spokenWords = (doc: CallDocument): Turn['words'] => {
  const spoken: Turn['words'] = [];
  for (const t of doc.turns) for (const w of t.words) if (!w.punctuation) spoken.push(w);
  return spoken;
};

/** The words spoken (either channel, in time order) inside a span: a category's matched phrase. */
const wordsBetween = (spoken: Turn['words'], beginMs: number, endMs: number): string | null => {
  const words = spoken
    .filter((w) => w.beginMs < endMs && w.endMs > beginMs)
    .sort((a, b) => a.beginMs - b.beginMs)
    .map((w) => w.text);
  return words.length > 0 ? words.join(' ') : null;
};

export const callInterruptionsRows = (doc: CallDocument, writtenAt: string): CallInterruptionsRow[] =>
  (doc.transcribe?.interruptions ?? []).map((x, i) => {
    // The agent on the line: who cut in (AGENT) or who was cut off (CUSTOMER interrupting).
    const agentTurn = turnAt(doc, 'AGENT', x.beginMs, x.endMs);
    return {
      call_id: doc.callId,
      dt: doc.dt,
      interruption_index: i,
      interrupter: x.interrupter,
      agent_id: agentTurn?.role === 'AGENT' ? agentTurn.agentId : null,
      begin_ms: round(x.beginMs),
      end_ms: round(x.endMs),
      duration_ms: x.durationMs === null ? null : round(x.durationMs),
      written_at: writtenAt,
    };
  });

export const callTopicsRows = (doc: CallDocument, writtenAt: string): CallTopicsRow[] =>
  (doc.enrichment.topics?.matches ?? []).map((m) => ({
    call_id: doc.callId,
    dt: doc.dt,
    topic: m.topic,
    score: m.score,
    rank: m.rank,
    written_at: writtenAt,
  }));

export const processedStatusRow = (doc: CallDocument, updatedAt: string): CallStatusRow => ({
  call_id: doc.callId,
  state: callState(doc),
  reason: doc.problems.length > 0 ? doc.problems.map((p) => `${p.part}: ${p.reason}`).join('; ') : null,
  stage: doc.problems.length > 0 ? doc.problems.map((p) => p.part).join(',') : null,
  // A partial call: each failed part's error type, in the order `stage` names the parts.
  error_name: doc.problems.some((p) => p.errorName)
    ? doc.problems.map((p) => p.errorName ?? 'unknown').join(',')
    : null,
  dt: doc.dt,
  sources: json(doc.sources),
  updated_at: updatedAt,
  superseded_dts: null,
});
