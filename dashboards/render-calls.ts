import { POST_PROCESS_ONLY } from '../core/enriched-document.js';
import type { Filters } from './filters.js';
import {
  clock,
  escapeHtml,
  formatNumber,
  page,
  ROLE_COLORS,
  startedCell,
  utcInstant,
  utcMinute,
} from './page.js';
import { filterChips, filterForm, reversedRange } from './render-html.js';
import {
  isUnrecorded,
  unrecordedBadge,
  unrecordedJourney,
  unrecordedOutcome,
  unrecordedReason,
} from './unrecorded.js';
import type { CallDetail, FilterChoices, Row } from './workbench-queries.js';
import { SEARCH_LIMIT } from './workbench-queries.js';

const callLink = (id: unknown) =>
  `<a class="call-link" href="/calls/${encodeURIComponent(String(id))}">${escapeHtml(id)}</a>`;

const jsonList = (text: unknown): string[] => {
  if (typeof text !== 'string') return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

/** The call browser's list page. */
export const renderCallList = (
  result: { rows: Row[]; total: number },
  filters: Filters,
  choices: FilterChoices,
): string => {
  const head = [
    'call',
    'started (UTC)',
    'state',
    'topic',
    'agents',
    'duration',
    'direction',
    'transfers',
    'toxicity',
    'summary / reason',
  ];
  const rows = result.rows
    .map(
      (r) => `<tr data-call="${escapeHtml(r.call_id)}">
<td>${callLink(r.call_id)}</td><td>${startedCell(r)}</td><td>${escapeHtml(r.state)}</td>
<td>${r.state === 'quarantined' ? '' : isUnrecorded(r) ? unrecordedBadge(r) : escapeHtml(r.topic)}</td><td>${escapeHtml(r.agents ?? '')}</td>
<td>${clock(r.duration_ms)}</td><td>${escapeHtml(r.direction ?? '')}</td><td>${formatNumber(r.transfers)}</td>
<td>${typeof r.toxic_turns === 'number' && r.toxic_turns > 0 ? `<span class="badge toxic">${escapeHtml(jsonList(r.toxicity_labels).join(', ') || 'toxic')} × ${r.toxic_turns}</span>` : ''}</td>
<td>${escapeHtml(r.state === 'quarantined' ? r.reason : isUnrecorded(r) ? unrecordedReason(r) : r.summary)}</td></tr>`,
    )
    .join('');
  const shown =
    result.total > result.rows.length
      ? `${result.rows.length} of ${result.total} calls (newest first; narrow the filters to see the rest)`
      : `${result.total} call${result.total === 1 ? '' : 's'}`;
  return page({
    title: 'debrief — calls',
    served: true,
    nav: 'calls',
    subtitle: `Search by id, topic, agent, summary or transcript text, category, 'toxic' or a toxicity label, 'not recorded' or 'abandoned' (at most ${SEARCH_LIMIT} listed).`,
    body: `${filterForm('/calls', filters, choices, true)}${filterChips('/calls', filters, choices)}
<section class="card wide" id="call-list"><h2 id="call-count">${escapeHtml(shown)}</h2>${
      result.rows.length === 0
        ? `<p class="empty">${reversedRange(filters) ? 'No calls match: the dates are reversed (from is after to).' : 'No calls match.'}</p>`
        : `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
    }</section>`,
  });
};

/** Transcript text, escaped, with each redaction shown as a `[PII]` marker. */
const transcriptText = (text: unknown): string =>
  escapeHtml(text).replaceAll(
    '[PII]',
    '<span class="pii" title="redacted personal information">[PII]</span>',
  );

const who = (turn: Row): string => {
  if (turn.role === 'IVR') return 'IVR';
  if (turn.role === 'CUSTOMER') return 'Customer';
  return turn.agent_name ? `Agent ${turn.agent_name}` : turn.agent_id ? `Agent ${turn.agent_id}` : 'Agent';
};

const turnHtml = (t: Row): string => {
  const toxic = t.toxicity_label !== null && t.toxicity_label !== undefined;
  const badges = [
    t.sentiment
      ? `<span class="badge ${escapeHtml(t.sentiment)}">${escapeHtml(String(t.sentiment).toLowerCase())}</span>`
      : '',
    toxic
      ? `<span class="badge toxic" title="toxicity">${escapeHtml(t.toxicity_label)} ${formatNumber(t.toxicity, 2)}</span>`
      : '',
  ].join('');
  return `<div class="turn ${escapeHtml(t.role)}${toxic ? ' toxic' : ''}" id="turn-${escapeHtml(t.turn_index)}" data-role="${escapeHtml(t.role)}" data-index="${escapeHtml(t.turn_index)}">
<div class="time">${clock(t.begin_ms)}</div><div><div class="who">${escapeHtml(who(t))}</div>${badges}</div><div class="text">${transcriptText(t.text)}</div></div>`;
};

const SEGMENT_COLORS = {
  IVR: '#9ca3af',
  queue: '#facc15',
  'talk time': '#2f6fdf',
  hold: '#a855f7',
  'after-call work': '#10b981',
};

/** Why a call has no journey, by its ctr_status (the facts above say more: calls.ctr_note). */
const NO_JOURNEY: Readonly<Record<string, string>> = {
  missing: 'no conversation record (CTR)',
  mismatched: 'the conversation record (CTR) does not match this call (see above)',
  unusable: 'the conversation record (CTR) holds no voice journey (see above)',
};

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : 0);

/**
 * The call's timeline: the journey (IVR, queue, talk time, hold, after-call work, in proportion)
 * over the speech track (each turn where it falls in the recording, coloured by role, linking to
 * it). Talk time is the agents' own (call_agents.talk_ms: connected, not on hold, as Genesys
 * counts it), the figure shown beside each agent; handle minus hold minus after-call work would
 * count twice the time two agents held the customer at once (the call's hold is the customer's).
 */
const timelineSvg = (call: Row, turns: readonly Row[], agents: readonly Row[]): string => {
  const W = 1000;
  const hold = num(call.hold_ms);
  const acw = num(call.acw_ms);
  const talk = agents.reduce((sum, a) => sum + num(a.talk_ms), 0);
  const journey = call.ctr_status === 'matched';
  const segments: [keyof typeof SEGMENT_COLORS, number][] = [
    ['IVR', num(call.ivr_ms)],
    ['queue', num(call.queue_ms)],
    ['talk time', talk],
    ['hold', hold],
    ['after-call work', acw],
  ];
  const total = segments.reduce((s, [, ms]) => s + ms, 0);
  let x = 0;
  const journeyBar =
    journey && total > 0
      ? segments
          .filter(([, ms]) => ms > 0)
          .map(([name, ms]) => {
            const w = (ms / total) * W;
            // The name and time inside the segment where they fit (12 px text: about 7 units a character).
            const text = `${name} ${clock(ms)}`;
            const rect = `<rect class="segment" data-segment="${name}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="22" fill="${SEGMENT_COLORS[name]}"><title>${name}: ${clock(ms)}</title></rect>${w > text.length * 7 + 8 ? `<text x="${(x + 4).toFixed(1)}" y="15" font-size="12" fill="#fff">${text}</text>` : ''}`;
            x += w;
            return rect;
          })
          .join('')
      : `<text x="0" y="15" font-size="12" fill="#6b7280">${journey ? 'no journey times' : `${NO_JOURNEY[String(call.ctr_status)] ?? NO_JOURNEY.missing}: IVR, queue, hold and after-call work unknown`}</text>`;
  const length = Math.max(num(call.duration_ms), ...turns.map((t) => num(t.end_ms)), 1);
  const speech = turns
    .map((t) => {
      const x0 = (num(t.begin_ms) / length) * W;
      const w = Math.max(1, ((num(t.end_ms) - num(t.begin_ms)) / length) * W);
      const y = t.role === 'CUSTOMER' ? 46 : 32;
      const color = ROLE_COLORS[t.role as keyof typeof ROLE_COLORS] ?? '#6b7280';
      return `<a href="#turn-${escapeHtml(t.turn_index)}"><rect x="${x0.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="12" fill="${color}"><title>${escapeHtml(who(t))} ${clock(t.begin_ms)}</title></rect></a>`;
    })
    .join('');
  const phases = Object.entries(SEGMENT_COLORS)
    .map(([k, c]) => `<span class="badge" style="background:${c};color:#fff">${k}</span>`)
    .join('');
  // A call never recorded (a CTR alone) has a journey and no speech: no row, legend or words for it.
  if (isUnrecorded(call))
    return `<p class="empty">Time in each phase of the journey, in proportion, from the conversation record (the call was never recorded, so there is no speech to place).</p>
<svg class="timeline" viewBox="0 0 ${W} 24" width="100%" height="24" role="img" aria-label="call timeline">${journeyBar}</svg>
<p class="legend">${phases}</p>`;
  return `<p class="empty">Top: time in each phase of the journey (in proportion; talk time = the agents' time connected to the customer, not on hold, as the conversation record counts it). Below: who spoke when in the recording (agents' and IVR turns above, the customer's below, whatever channel they came from: a mono recording's turns are placed by who the transcript says spoke; click a turn to jump to it).</p>
<svg class="timeline" viewBox="0 0 ${W} 64" width="100%" height="64" role="img" aria-label="call timeline">${journeyBar}${speech}</svg>
<p class="legend">${phases} · speech: <span class="badge" style="background:${ROLE_COLORS.IVR};color:#fff">IVR</span><span class="badge" style="background:${ROLE_COLORS.AGENT};color:#fff">agent</span><span class="badge" style="background:${ROLE_COLORS.CUSTOMER};color:#fff">customer</span></p>`;
};

/** A fact's value already rendered (escaped by whoever made it), not text to escape. */
interface Html {
  html: string;
}
const isHtml = (v: unknown): v is Html =>
  typeof v === 'object' && v !== null && typeof (v as Partial<Html>).html === 'string';

const facts = (pairs: [string, unknown][]): string =>
  `<dl class="facts">${pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(isHtml(v) && v.html === ''))
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${isHtml(v) ? v.html : escapeHtml(v)}</dd>`)
    .join('')}</dl>`;

/** The call's lineage (calls.lineage: part → engine, version …), or null when it cannot be read. */
const lineageOf = (text: unknown): Record<string, Row> | null => {
  try {
    const value = JSON.parse(String(text)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, Row>)
      : null;
  } catch {
    return null;
  }
};

const lineageTable = (lineage: Record<string, Row> | null): string => {
  if (!lineage) return '<p class="empty">No lineage.</p>';
  return `<table><thead><tr><th>part</th><th>engine</th><th>version</th><th>model</th><th>prompt hash</th><th>note</th></tr></thead><tbody>${Object.entries(
    lineage,
  )
    .map(
      ([part, e]) =>
        `<tr><td>${escapeHtml(part)}</td><td>${escapeHtml(e.engine)}</td><td>${escapeHtml(e.version)}</td><td>${escapeHtml(e.model ?? '')}</td><td>${escapeHtml(e.promptHash ?? '')}</td><td>${escapeHtml(e.note ?? '')}</td></tr>`,
    )
    .join('')}</tbody></table>`;
};

/** The post-processors that ran on the call (lineage `post:<name>`), as `name version`. */
const processorsOf = (lineage: Record<string, Row>): string[] =>
  Object.entries(lineage)
    .filter(([part]) => part.startsWith('post:'))
    .map(([, e]) => `${String(e.engine)} ${String(e.version)}`);

/**
 * When the call's latest run was a post-processors-only rerun (`--from post-process`: lineage
 * `postProcessOnly`), what ran (PostProcess with its processors, WriteResults) and what it kept
 * from the run that made the document it started from (every other part of the lineage: the
 * transcript, the conversation record, PII redaction, topics, summary, toxicity), whose lineage
 * the table below still shows.
 */
const postProcessOnlyNote = (lineage: Record<string, Row> | null, writtenAt: unknown): string => {
  const entry = lineage?.[POST_PROCESS_ONLY];
  if (!lineage || !entry) return '';
  const processors = processorsOf(lineage);
  const kept = Object.keys(lineage).filter((part) => part !== POST_PROCESS_ONLY && !part.startsWith('post:'));
  const written = writtenAt
    ? `, written <span title="${escapeHtml(utcInstant(writtenAt))}">${escapeHtml(utcMinute(writtenAt))}</span> UTC`
    : '';
  return `<div id="post-process-only" role="note"><p><strong>The latest run was a post-processors-only rerun</strong> (--reprocess --from post-process${written}).</p>
<p>Ran: PostProcess (${escapeHtml(processors.length > 0 ? processors.join(', ') : 'no post-processor')}) and WriteResults.</p>
<p>Kept from the earlier run: ${escapeHtml(kept.length > 0 ? kept.join(', ') : 'nothing recorded')} (their lineage below is that run's). ${escapeHtml(entry.note ?? '')}.</p></div>`;
};

/** The numbers post-processors set on the call (call_metrics), name and value. */
const metricsTable = (metrics: readonly Row[]): string =>
  metrics.length === 0
    ? '<p class="empty" id="call-metrics">none (no post-processor set a number on this call: customMetrics)</p>'
    : `<table id="call-metrics"><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>${metrics
        .map((m) => {
          const value = typeof m.value === 'number' ? Number(m.value.toPrecision(6)) : m.value;
          return `<tr data-metric="${escapeHtml(m.name)}"><td>${escapeHtml(m.name)}</td><td title="${escapeHtml(m.value)}">${escapeHtml(value)}</td></tr>`;
        })
        .join('')}</tbody></table>`;

export interface CallAudio {
  /** URL of the audio on this server, or null with the reason it is not offered. */
  url: string | null;
  note: string;
}

/** One call: facts, summary, topics and categories, timeline, audio, transcript and lineage. */
export const renderCallPage = (detail: CallDetail, audio: CallAudio): string => {
  const { status, call, turns } = detail;
  const id = String(status.call_id);
  if (!call) {
    return page({
      title: `debrief — ${id}`,
      served: true,
      nav: 'calls',
      subtitle: id,
      body: `<section class="card wide" id="call-facts"><h2>${escapeHtml(id)}: ${escapeHtml(status.state)}</h2>${facts(
        [
          ['reason', status.reason],
          ['failed at', status.stage],
          ['error', status.error_name],
          ['updated', status.updated_at],
        ],
      )}</section>`,
    });
  }
  const unrecorded = isUnrecorded(call);
  const reason = unrecorded ? unrecordedReason(call) : null;
  const lineage = lineageOf(call.lineage);
  const actionItems = jsonList(call.action_items);
  const summary = unrecorded
    ? `<p class="empty" id="not-recorded">Never recorded (${escapeHtml(unrecordedOutcome(call))}): nothing was said to read, so there is no summary, topic or category.${reason ? ` Why: ${escapeHtml(reason)}.` : ''}</p>`
    : `${facts([
        ['summary', call.summary],
        ['reason for call', call.reason_for_call],
        ['intent', call.intent],
        ['resolution', call.resolution],
        ['resolved', call.resolved === null ? null : call.resolved ? 'yes' : 'no'],
        ['callback needed', call.callback_needed === null ? null : call.callback_needed ? 'yes' : 'no'],
      ])}${actionItems.length > 0 ? `<p>Action items:</p><ul>${actionItems.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : ''}${
        call.summary_status !== 'failed'
          ? ''
          : [call.summary, call.reason_for_call, call.resolution].some((v) => (v ?? null) !== null)
            ? // Transcribe's own answers kept when the engine failed (6724e7a): say whose they are
              `<p class="empty">The summary engine failed for this call; shown: what ${escapeHtml(call.summary_engine ?? 'the transcript')} gave.</p>`
            : '<p class="empty">The summary step failed for this call.</p>'
      }`;
  const topics = detail.topics
    .map((t) => `<span class="badge">${escapeHtml(t.topic)} ${formatNumber(t.score, 2)}</span>`)
    .join('');
  const categories = detail.categories.map((c) => `<span class="badge">${escapeHtml(c)}</span>`).join('');
  // Plain text: facts() escapes it (escaped here as well, a name read `O&#39;Brien`).
  const agents = detail.agents
    .map(
      (a) => `${String(a.name ?? a.agent_id)} (talk time ${clock(a.talk_ms)}, spoke ${clock(a.speech_ms)})`,
    )
    .join(', ');
  const header = facts([
    ['state', status.state === 'partial' ? `partial: ${status.reason ?? ''}` : status.state],
    // As the call list shows it (startedCell): to the minute, UTC, the instant in full as its
    // title; a call whose start nobody recorded, the day it is filed under, said so.
    ['started (UTC)', { html: startedCell({ started_at: call.started_at, dt: call.dt }) }],
    ['duration', clock(call.duration_ms)],
    ['direction', call.direction],
    [
      'entry queue',
      call.entry_queue_name ? `${call.entry_queue_name} (${call.entry_queue})` : call.entry_queue,
    ],
    ['agents', agents],
    ['transfers', call.transfers],
    // A call never recorded: what the record says happened (IVR, queue, abandoned) and why there is no recording.
    ['recording', unrecorded ? `none: never recorded (${unrecordedReason(call) ?? 'CTR-only call'})` : null],
    ['journey', unrecorded ? unrecordedJourney(call) : null],
    [
      'abandoned',
      call.abandoned === true
        ? 'yes: the caller hung up waiting in the queue'
        : call.abandoned === false && unrecorded
          ? 'no'
          : null,
    ],
    [
      'conversation record',
      // Why a record is missing or mismatched, or why a call was never recorded (calls.ctr_note,
      // as the run report says it), not only in the lineage at the foot of the page.
      (call.ctr_status !== 'matched' || unrecorded) && call.ctr_note
        ? `${String(call.ctr_status)}: ${String(call.ctr_note)}`
        : detail.sameConversation.length > 0
          ? `matched, and so is ${detail.sameConversation.join(', ')} (conversation ${String(call.conversation_id)}): if they are not recordings of one conversation, one was dropped with another call's CTR (its journey is counted twice)`
          : call.ctr_status,
    ],
    ['customer sentiment', call.customer_sentiment],
    ['sentiment change (first → last quarter)', call.customer_sentiment_change],
    ['toxic turns', call.toxic_turns],
    // Nothing to redact in a call never recorded (no transcript, no audio).
    ['redacted', unrecorded ? null : call.redacted ? 'yes (PII shown as [PII])' : 'no'],
    [
      'latest run',
      lineage?.[POST_PROCESS_ONLY]
        ? {
            html: `post-processors only (--from post-process): what ran and what was kept is under <a href="#post-process-only">Lineage</a>`,
          }
        : null,
    ],
  ]);
  const player = audio.url
    ? `<audio controls preload="none" src="${escapeHtml(audio.url)}"></audio><p class="empty">${escapeHtml(audio.note)}</p>`
    : `<p class="empty">${escapeHtml(audio.note)}</p>`;
  return page({
    title: `debrief — ${id}`,
    served: true,
    nav: 'calls',
    subtitle: id,
    body: `<section class="card" id="call-facts"><h2>${escapeHtml(id)}</h2>${header}</section>
<section class="card" id="call-summary"><h2>Summary</h2>${summary}${
      unrecorded
        ? ''
        : `<h2>Topics</h2><p id="call-topics">${topics || '<span class="empty">none</span>'}</p><h2>Categories</h2><p id="call-categories">${categories || '<span class="empty">none</span>'}</p>`
    }<h2>Custom metrics</h2>${metricsTable(detail.metrics)}</section>
<section class="card wide" id="call-timeline"><h2>Timeline</h2>${timelineSvg(call, turns, detail.agents)}</section>
<section class="card wide" id="call-audio"><h2>Audio</h2>${player}</section>
<section class="card wide" id="transcript"><h2>Transcript (${turns.length} turn${turns.length === 1 ? '' : 's'})</h2>${unrecorded && turns.length === 0 ? '<p class="empty">No transcript: the call was never recorded.</p>' : turns.map(turnHtml).join('\n')}</section>
<section class="card wide" id="lineage"><h2>Lineage</h2>${postProcessOnlyNote(lineage, call.written_at)}${lineageTable(lineage)}</section>`,
  });
};

export const renderMessagePage = (title: string, message: string): string =>
  page({
    title: `debrief — ${title}`,
    served: true,
    subtitle: title,
    body: `<section class="card wide"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(message)}</p></section>`,
  });
