import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../adapters/local/duckdb-lake.js';
import { runDrop } from '../../cli/commands/run.js';
import { TCA_FIXTURE, tempDir } from '../helpers/paths.js';
import { transcribeTurn } from '../helpers/simulated-transcribe.js';
import { textSink } from '../helpers/text-sink.js';

/**
 * A compliance officer's trial: an unredacted transcript with UK postcodes and National Insurance
 * numbers, written and spoken, went through the local pipeline and they were still in the lake's
 * turns, results/<call>.json, the working document and the workbench, and calls.redacted_entities said {} for a call whose every
 * redaction debrief made.
 */

const LINES: [string, string][] = [
  ['AGENT', 'Thank you for calling, where should we send the new card?'],
  ['CUSTOMER', "It's 14 Station Road, Harrogate, HG2 7QP."],
  ['AGENT', 'Thanks. And the postcode of the old address?'],
  ['CUSTOMER', 'Postcode is M one four five T Q.'],
  ['AGENT', 'Can I take your national insurance number?'],
  ['CUSTOMER', "It's QQ 12 34 56 C."],
  ['AGENT', 'And the one on the joint account?'],
  ['CUSTOMER', 'A B one two three four five six D.'],
];
/** The values, as they were said: none may be left in what debrief writes. */
const VALUES = [/HG2/i, /7QP/i, /M one four five T Q/i, /QQ 12 34 56 C/i, /five six D/i, /123456/];

describe('UK postcodes and NINOs through the local pipeline (compliance trial)', () => {
  it('are gone from the lake and the results, and redacted_entities counts debrief’s redactions by type', async () => {
    // Prepare: a Call Analytics transcript Transcribe did not redact
    const drop = tempDir('uk-ids-drop');
    const home = tempDir('uk-ids-home');
    const fixture = JSON.parse(readFileSync(TCA_FIXTURE, 'utf8')) as Record<string, unknown>;
    let at = 0;
    const transcript = LINES.map(([role, content]) => {
      const turn = transcribeTurn(role, at, content, {
        lengthMs: content.split(' ').length * 300,
        confidence: 0.99,
      });
      at = turn.EndOffsetMillis + 500;
      return turn;
    });
    writeFileSync(
      join(drop, 'call-9001.tca.json'),
      JSON.stringify({
        ...fixture,
        ContentMetadata: { Output: 'Raw' },
        Transcript: transcript,
        Categories: { MatchedCategories: [], MatchedDetails: {} },
      }),
    );
    // Act
    const summary = await runDrop({ dir: drop, home, out: textSink().stream, err: textSink().stream });
    const db = await DuckDbLake.open(join(home, 'lake'));
    const turns = await db.query('select turn_index, text from turns order by turn_index');
    const calls = await db.query(
      'select pii_redactions, redaction_types, redacted_entities, debrief_redacted_entities from calls',
    );
    db.close();
    const resultsDir = readdirSync(join(home, 'results')).map((d) => join(home, 'results', d));
    const results = resultsDir.flatMap((d) => readdirSync(d).map((f) => readFileSync(join(d, f), 'utf8')));
    const work = readdirSync(join(home, 'work'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'));
    const dashboard = readFileSync(join(home, 'dashboard.html'), 'utf8');
    // Assess
    expect(summary.failed).toBe(0);
    expect(turns.filter((t) => Number(t.turn_index) % 2 === 1).map((t) => t.text)).toEqual([
      "It's [PII].",
      'Postcode is [PII].',
      "It's [PII].",
      '[PII].',
    ]);
    expect(results).toHaveLength(1);
    for (const value of VALUES) {
      expect(turns.map((t) => String(t.text)).join('\n')).not.toMatch(value);
      expect(results[0]).not.toMatch(value);
      for (const document of work) expect(document).not.toMatch(value);
      expect(dashboard).not.toMatch(value);
    }
    expect(dashboard).toContain('call-9001');
    expect(calls).toEqual([
      {
        pii_redactions: 4,
        redaction_types: '[]',
        redacted_entities: '{"ADDRESS":2,"UK_NATIONAL_INSURANCE_NUMBER":2}',
        debrief_redacted_entities: '{"ADDRESS":2,"UK_NATIONAL_INSURANCE_NUMBER":2}',
      },
    ]);
    const doc = JSON.parse(results[0]!) as { pii: { redactions: { type: string; upstream: boolean }[] } };
    expect(doc.pii.redactions.map((r) => [r.type, r.upstream])).toEqual([
      ['ADDRESS', false],
      ['ADDRESS', false],
      ['UK_NATIONAL_INSURANCE_NUMBER', false],
      ['UK_NATIONAL_INSURANCE_NUMBER', false],
    ]);
  }, 180_000);
});
