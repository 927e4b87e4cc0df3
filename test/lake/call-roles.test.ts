import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { type Filters, withFilters } from '../../dashboards/filters.js';
import { dashboardViewSql } from '../../dashboards/view-files.js';
import { AGENT_STATS_JOINED, firstDifference } from '../helpers/agent-stats-joined.js';
import { tempDir } from '../helpers/paths.js';
import { runSamplesInto } from '../helpers/samples.js';

let home: string;
let db: DuckDbLake;

beforeAll(async () => {
  home = tempDir('call-roles');
  await runSamplesInto(home);
  db = await DuckDbLake.open(join(home, 'lake'));
}, 300_000);
afterAll(() => db?.close());

describe('per-call pre-aggregates of turns, over the pipeline output of the sample calls', () => {
  it('call_roles holds, per call and role, exactly what `turns` counts', async () => {
    const fromTurns = await db.query(
      `select call_id, role, count(*) as turns, sum(end_ms - begin_ms) as talk_ms,
         count(*) filter (where sentiment = 'POSITIVE') as positive_turns,
         count(*) filter (where sentiment = 'NEGATIVE') as negative_turns,
         count(*) filter (where sentiment = 'NEUTRAL') as neutral_turns,
         count(*) filter (where sentiment = 'MIXED') as mixed_turns,
         count(toxicity_label) as toxic_turns
       from turns group by call_id, role order by call_id, role`,
    );
    const fromRoles = await db.query(
      `select call_id, role, turns, talk_ms, positive_turns, negative_turns, neutral_turns, mixed_turns, toxic_turns
       from call_roles order by call_id, role`,
    );
    expect(fromTurns.length).toBeGreaterThanOrEqual(12);
    expect(fromRoles).toEqual(fromTurns);
    // Not a table of zeros: the samples have sentiment, IVR turns and toxic turns.
    const total = (k: string) => fromRoles.reduce((n, r) => n + Number(r[k]), 0);
    expect(total('positive_turns') + total('negative_turns')).toBeGreaterThan(0);
    expect(total('toxic_turns')).toBeGreaterThan(0);
    expect(new Set(fromRoles.map((r) => r.role))).toEqual(new Set(['CUSTOMER', 'AGENT', 'IVR']));
    // Same totals as the per-call columns on `calls`.
    const [calls] = await db.query(
      'select sum(turn_count) as turns, sum(coalesce(toxic_turns, 0)) as toxic from calls',
    );
    expect([total('turns'), total('toxic_turns')]).toEqual([Number(calls?.turns), Number(calls?.toxic)]);
  });

  it("call_roles.words: the spoken words of the role's turns in the call document", async () => {
    const docs = readdirSync(join(home, 'results'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map(
        (f) =>
          JSON.parse(readFileSync(join(home, 'results', f), 'utf8')) as {
            callId: string;
            turns: { role: string; words: { punctuation: boolean }[] }[];
          },
      );
    expect(docs.length).toBeGreaterThan(0);
    const expected = docs.flatMap((d) =>
      ['AGENT', 'CUSTOMER', 'IVR'].flatMap((role) => {
        const own = d.turns.filter((t) => t.role === role);
        return own.length === 0
          ? []
          : [
              {
                call_id: d.callId,
                role,
                words: own.flatMap((t) => t.words).filter((w) => !w.punctuation).length,
              },
            ];
      }),
    );
    const rows = await db.query('select call_id, role, words from call_roles order by call_id, role');
    expect(rows).toEqual(
      expected.sort((a, b) => a.call_id.localeCompare(b.call_id) || a.role.localeCompare(b.role)),
    );
    expect(rows.every((r) => Number(r.words) > 0)).toBe(true);
  });

  it('call_agents.turns and toxic_turns: what `turns` counts per agent', async () => {
    const fromTurns = await db.query(
      `select call_id, agent_id, count(*) as turns, count(toxicity_label) as toxic_turns
       from turns where role = 'AGENT' and agent_id is not null group by call_id, agent_id order by call_id, agent_id`,
    );
    const fromAgents = await db.query(
      'select call_id, agent_id, turns, toxic_turns from call_agents where turns > 0 order by call_id, agent_id',
    );
    expect(fromAgents.length).toBeGreaterThanOrEqual(4);
    expect(fromAgents).toEqual(fromTurns);
  });
});

describe('agent_stats from call_agents alone, over the pipeline output of the sample calls', () => {
  it("call_agents carries its call's figures and the agent's interruptions as `calls` and `call_interruptions` hold them", async () => {
    const expected = await db.query(
      `select a.call_id, a.agent_id, c.customer_sentiment, c.customer_sentiment_q1, c.customer_sentiment_q4,
         c.handle_ms, c.primary_topic,
         (select count(*) from call_interruptions i
           where i.call_id = a.call_id and i.agent_id = a.agent_id and i.interrupter = 'AGENT') as interruptions_made
       from call_agents a join calls c using (call_id) order by a.call_id, a.agent_order`,
    );
    const copied = await db.query(
      `select call_id, agent_id, call_customer_sentiment as customer_sentiment,
         call_customer_sentiment_q1 as customer_sentiment_q1, call_customer_sentiment_q4 as customer_sentiment_q4,
         call_handle_ms as handle_ms, call_primary_topic as primary_topic, interruptions_made
       from call_agents order by call_id, agent_order`,
    );
    expect(copied).toEqual(expected);
    // Not a table of nulls: the sample calls have CTRs, topics, sentiment.
    expect(copied.length).toBeGreaterThanOrEqual(4);
    for (const k of ['customer_sentiment', 'customer_sentiment_q1', 'handle_ms', 'primary_topic'])
      expect(
        copied.some((r) => r[k] !== null),
        k,
      ).toBe(true);
  });

  it('answers what the join of call_agents, calls and call_interruptions answered, with and without filters', async () => {
    const view = dashboardViewSql().find((v) => v.name === 'agent_stats')?.sql;
    if (!view) throw new Error('no agent_stats view');
    // The view reads call_agents and the per-topic aggregate of `calls`, never a per-call join.
    expect(view).not.toMatch(/call_interruptions|join calls/);
    const [anAgent] = await db.query(
      'select agent_id, dt from call_agents order by call_id, agent_order desc limit 1',
    );
    const cases: Filters[] = [
      {},
      { agent: String(anAgent?.agent_id) },
      { from: String(anAgent?.dt), to: String(anAgent?.dt) },
      { toxic: '1' },
    ];
    let seen = 0;
    for (const filters of cases) {
      const now = withFilters(view, filters, 'agent_id');
      const before = withFilters(AGENT_STATS_JOINED, filters, 'agent_id');
      const rows = await db.query(now.sql, now.params);
      const reference = await db.query(before.sql, before.params);
      expect(firstDifference(rows, reference), JSON.stringify(filters)).toBeNull();
      seen += rows.length;
    }
    expect(seen).toBeGreaterThanOrEqual(4);
    // Not a column of zeros: the samples' customers say toxic things to their agents.
    const [said] = await db.query('select sum(customer_toxic_turns) as n from agent_stats');
    expect(Number(said?.n)).toBeGreaterThan(0);
  });
});
