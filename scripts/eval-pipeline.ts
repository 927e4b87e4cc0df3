/**
 * End to end, as an analyst sees it: generated calls go through the real local workflow (same
 * ASL, CTR merge, embedded engines) into the lake, and the lake is scored against the truth.
 *
 *   npx tsx scripts/eval-pipeline.ts [--seed 11] [--count 60]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { queryLake } from '../cli/commands/query.js';
import { runDrop } from '../cli/commands/run.js';
import { renderTable } from '../cli/render-table.js';
import { generateCalls, writeDrop } from '../generator/index.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '11' }, count: { type: 'string', default: '60' } },
});
const seed = Number(values.seed);
const count = Number(values.count);
const temp = (label: string) => mkdtempSync(join(tmpdir(), `debrief-eval-${label}-`));

const calls = generateCalls(seed, count);
const drop = temp('drop');
await writeDrop(calls, drop, temp('truth'));
const home = temp('home');
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const started = performance.now();
const summary = await runDrop({ dir: drop, home, out: quiet, err: quiet });
const seconds = (performance.now() - started) / 1000;

const rows = new Map(
  (
    await queryLake(
      home,
      'select call_id, status, ctr_status, primary_topic, transfers, ivr_ms, queue_ms, hold_ms, handle_ms, toxic_turns from calls',
    )
  ).map((r) => [String(r.call_id), r]),
);
const agentNames = new Map<string, string[]>();
for (const a of await queryLake(
  home,
  'select call_id, name from call_agents order by call_id, agent_order',
)) {
  const list = agentNames.get(String(a.call_id)) ?? [];
  list.push(String(a.name));
  agentNames.set(String(a.call_id), list);
}
const states = await queryLake(
  home,
  'select state, count(*) as n from call_status group by state order by state',
);

let topicRight = 0;
let journeyExact = 0;
let withCtr = 0;
let voiceless = 0;
let voicelessUnusable = 0;
let namesRight = 0;
let toxicCalls = 0;
let toxicFound = 0;
let cleanFlagged = 0;
for (const call of calls) {
  const row = rows.get(call.callId);
  if (!row) continue;
  if (row.primary_topic === call.truth.topic) topicRight += 1;
  const j = call.truth.journey;
  if (call.truth.scenario.ctr === 'callback' || call.truth.scenario.ctr === 'chat') {
    voiceless += 1;
    if (row.ctr_status === 'unusable' && row.handle_ms === null) voicelessUnusable += 1;
  }
  if (call.truth.scenario.ctr === 'present') {
    withCtr += 1;
    const names = agentNames.get(call.callId) ?? [];
    if (JSON.stringify(names) === JSON.stringify(j.agents.map((a) => a.name))) namesRight += 1;
    if (
      row.transfers === j.transfers.length &&
      row.ivr_ms === j.ivrMs &&
      row.queue_ms === j.queueMs &&
      row.hold_ms === j.holdMs &&
      row.handle_ms === j.handleMs
    )
      journeyExact += 1;
  }
  const flagged = Number(row.toxic_turns ?? 0) > 0;
  if (call.truth.toxic.length > 0) {
    toxicCalls += 1;
    if (flagged) toxicFound += 1;
  } else if (flagged) cleanFlagged += 1;
}
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

console.log(
  `Pipeline evaluation: ${count} generated calls (seed ${seed}) through the local workflow in ${seconds.toFixed(1)} s`,
);
console.log(
  renderTable(
    ['measure', 'value', 'detail'],
    [
      ['calls landed', `${rows.size}/${count}`, states.map((s) => `${s.state} ${s.n}`).join(', ')],
      ['run failures', String(summary.failed), 'outside the quarantine path'],
      ['primary topic right', pct(topicRight, count), `${topicRight}/${count}`],
      [
        'journey exact (transfers, ivr, queue, hold, handle)',
        pct(journeyExact, withCtr),
        `${journeyExact}/${withCtr} calls with a CTR`,
      ],
      [
        'agents named as in the truth',
        pct(namesRight, withCtr),
        `${namesRight}/${withCtr} (records without names: from the dropped users export)`,
      ],
      [
        'callback/chat records kept out of the journey',
        pct(voicelessUnusable, voiceless),
        `${voicelessUnusable}/${voiceless} ctr_status unusable, null journey`,
      ],
      ['toxic calls flagged', pct(toxicFound, toxicCalls), `${toxicFound}/${toxicCalls}`],
      ['clean calls flagged', String(cleanFlagged), `of ${count - toxicCalls}`],
    ],
  ),
);
