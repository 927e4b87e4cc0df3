import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { runDrop } from '../../cli/commands/run.js';
import { isNumericType } from '../../core/pii/number-shapes.js';
import { normaliseNumbers } from '../../core/pii/spoken-number.js';
import { type GeneratedCall, generateCalls, writeDrop } from '../../generator/index.js';
import { PiiEntityType } from '../../schemas/call-document.js';
import { tempDir } from '../helpers/paths.js';

/**
 * The leak test: generated calls with planted PII (raw transcripts, as if Transcribe had not
 * redacted, plus Transcribe-redacted ones where spoken dates of birth stay) go through the real
 * local pipeline; then every text column of every table and view (DuckDB over the lake), every
 * call document (results/ and work/) and the dashboard HTML are searched for every planted
 * value, as spoken and as digits. The inputs themselves (the drop, quarantine copies of inputs)
 * are what the customer dropped and are not searched.
 */

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const NUMERIC = new Set<string>(PiiEntityType.options.filter(isNumericType));

interface Needle {
  callId: string;
  type: string;
  /** What is searched for: normalised words, digits, or a name (case-sensitive word). */
  kind: 'spoken' | 'digits' | 'name';
  value: string;
  /** Agent names are employees named by the CTR: they belong in the agent-name columns. */
  agentName: boolean;
}

const words = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim()} `;
const digitsIn = (text: string): string => normaliseNumbers(text.toLowerCase()).replace(/[^0-9]+/g, ' ');

const needlesFor = (call: GeneratedCall): Needle[] => {
  const agentNames = new Set(call.truth.journey.agents.flatMap((a) => a.name.split(' ')));
  return call.truth.pii.flatMap((p): Needle[] => {
    const base = { callId: call.callId, type: p.type };
    if (p.type === 'NAME')
      return p.spokenText
        .split(/\s+/)
        .filter((w) => w.length >= 3)
        .map((w) => ({ ...base, kind: 'name', value: w, agentName: agentNames.has(w) }));
    const found: Needle[] = [
      { ...base, kind: 'spoken', value: words(p.spokenText).trim(), agentName: false },
    ];
    const digits = digitsIn(p.spokenText).replace(/\s+/g, '');
    // Short values (a CVV, a PIN) are searched as spoken: as bare digits they match amounts.
    if (NUMERIC.has(p.type) && digits.length >= 6)
      found.push({ ...base, kind: 'digits', value: digits, agentName: false });
    return found;
  });
};

/** Where each needle is found in one text: the needles it contains. */
const leaksIn = (text: string, needles: readonly Needle[], allowAgentNames: boolean): Needle[] => {
  const spoken = words(text);
  const digits = ` ${digitsIn(text)} `;
  return needles.filter((n) => {
    if (n.kind === 'name')
      return !(allowAgentNames && n.agentName) && new RegExp(`\\b${n.value}\\b`).test(text);
    if (n.kind === 'digits') return digits.includes(` ${n.value} `);
    return spoken.includes(` ${n.value} `);
  });
};

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

const stringsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
};

describe('no planted PII value reaches a table, a call document or the dashboard', () => {
  const home = tempDir('leak-home');
  const drop = tempDir('leak-drop');
  const calls = [
    ...generateCalls(31, 12, { redact: false }),
    // Transcribe-redacted transcripts: the spoken dates of birth it leaves must go too.
    ...generateCalls(32, 4, { redact: true }, 12),
  ];
  const needles = calls.flatMap(needlesFor);

  beforeAll(async () => {
    await writeDrop(calls, drop, tempDir('leak-truth'));
    const summary = await runDrop({ dir: drop, home, out: quiet, err: quiet });
    expect(summary.calls.filter((c) => c.outcome !== 'succeeded')).toEqual([]);
  }, 600_000);

  it('the search finds the planted values in the unredacted inputs (it can fail)', () => {
    const inputs = files(drop)
      .filter((f) => f.endsWith('.tca.json'))
      .map((f) => stringsIn(JSON.parse(readFileSync(f, 'utf8'))).join('\n'))
      .join('\n');
    const found = leaksIn(inputs, needles, false);
    expect(new Set(found.map((n) => n.kind))).toEqual(new Set(['spoken', 'digits', 'name']));
    const types = new Set(found.map((n) => n.type));
    for (const type of ['NAME', 'PHONE', 'DATE_OF_BIRTH', 'EMAIL', 'ADDRESS']) expect(types).toContain(type);
    expect(needles.length).toBeGreaterThan(100);
  });

  it('every text column of every table and view (DuckDB over the lake)', async () => {
    const db = await DuckDbLake.open(join(home, 'lake'));
    try {
      const columns = await db.query(
        `select table_name, column_name from information_schema.columns
         where data_type = 'VARCHAR' order by table_name, column_name`,
      );
      expect(columns.map((c) => c.table_name)).toEqual(
        expect.arrayContaining(['calls', 'turns', 'call_status']),
      );
      const leaks: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        const rows = await db.query(
          `select distinct "${column}" as v from "${table}" where "${column}" is not null`,
        );
        // Agent names live in the agent-name columns by design (the CTR names its employees):
        // turns.agent_name, call_agents.name and the views and raw tables over them.
        const agentColumn =
          column === 'agent_name' ||
          column === 'display_name' ||
          (column === 'name' && String(table).includes('agent'));
        for (const row of rows)
          for (const n of leaksIn(String(row.v), needles, agentColumn))
            leaks.push(`${table}.${column}: ${n.type} ${n.kind} "${n.value}" (${n.callId})`);
      }
      expect(leaks).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('the call documents (results/ and work/) and the dashboard HTML', () => {
    const documents = [...files(join(home, 'results')), ...files(join(home, 'work'))];
    expect(documents.filter((f) => f.endsWith('call.json')).length).toBe(calls.length);
    const leaks: string[] = [];
    for (const file of documents) {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      // The document names its agents (journey.agents, turn agentName): employees, from the CTR.
      const { journey, turns, ...rest } = doc as { journey?: unknown; turns?: { agentName?: unknown }[] };
      const text = [
        ...stringsIn(rest),
        ...stringsIn((turns ?? []).map(({ agentName: _agent, ...t }) => t)),
      ].join('\n');
      const agentsOnly = stringsIn(journey).join('\n');
      for (const n of leaksIn(text, needles, false))
        leaks.push(`${relative(home, file)}: ${n.type} "${n.value}"`);
      for (const n of leaksIn(agentsOnly, needles, true))
        leaks.push(`${relative(home, file)} journey: ${n.type} "${n.value}"`);
    }
    const html = readFileSync(join(home, 'dashboard.html'), 'utf8');
    expect(statSync(join(home, 'dashboard.html')).size).toBeGreaterThan(1000);
    for (const n of leaksIn(html, needles, true)) leaks.push(`dashboard.html: ${n.type} "${n.value}"`);
    expect(leaks).toEqual([]);
  });
});
