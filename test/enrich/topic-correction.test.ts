import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalEnrichers } from '../../adapters/local/local-enrichers.js';
import {
  appendCorrection,
  correctionsFile,
  currentCorrections,
  readCorrections,
} from '../../adapters/local/topics/corrections-file.js';
import { loadTaxonomy } from '../../adapters/local/topics/taxonomy-file.js';
import { applyTopicCorrection } from '../../core/enrich/topic-correction.js';
import { tempDir } from '../helpers/paths.js';

const lineage = { engine: 'local-topic-model', version: 'v1', model: null, promptHash: null, note: null };
const answer = () => ({
  matches: [
    { topic: 'payments', score: 0.81, rank: 1 },
    { topic: 'billing', score: 0.42, rank: 2 },
    { topic: 'fraud_report', score: 0.3, rank: 3 },
  ],
  lineage,
});

describe('applyTopicCorrection', () => {
  it('puts the corrected topic first with score 1, keeps at most maxTopics, and notes what the model said', async () => {
    const taxonomy = await loadTaxonomy();
    const out = applyTopicCorrection(answer(), { topic: 'billing', at: '2026-11-30T09:00:00Z' }, taxonomy);
    expect(out.matches).toEqual([
      { topic: 'billing', score: 1, rank: 1 },
      { topic: 'payments', score: 0.81, rank: 2 },
      { topic: 'fraud_report', score: 0.3, rank: 3 },
    ]);
    expect(out.lineage).toEqual({
      ...lineage,
      note: 'corrected by an analyst on 2026-11-30; the model said payments (0.81)',
    });
    expect(out.source).toBe('correction');
    const small = applyTopicCorrection(
      answer(),
      { topic: 'claims', at: null },
      { ...taxonomy, maxTopics: 2 },
    );
    expect(small.matches.map((m) => m.topic)).toEqual(['claims', 'payments']);
    expect(small.lineage.note).toBe('corrected by an analyst; the model said payments (0.81)');
  });

  it('a model that answered none is named so; a topic the taxonomy no longer has is not applied', async () => {
    const taxonomy = await loadTaxonomy();
    const none = applyTopicCorrection({ matches: [], lineage }, { topic: 'claims', at: null }, taxonomy);
    expect(none.lineage.note).toBe('corrected by an analyst; the model said none');
    const gone = applyTopicCorrection(answer(), { topic: 'loyalty', at: null }, taxonomy);
    expect(gone.matches).toEqual(answer().matches);
    expect(gone.source).toBe('model');
    expect(gone.lineage.note).toBe(
      "an analyst's correction to loyalty was not applied: not a topic of this taxonomy",
    );
    expect(none.source).toBe('correction');
    expect(applyTopicCorrection(answer(), null, taxonomy)).toEqual({ ...answer(), source: 'model' });
  });

  it('a corrections file of the two-column format gains the date column; the latest correction of a call wins', () => {
    const home = tempDir('corrections-file');
    const file = correctionsFile(home);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'call_id,topic\ncall-1,billing\ncall-2,claims\n');
    expect(appendCorrection(home, { callId: 'call-1', topic: 'none', at: '2026-11-30T09:00:00Z' })).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe(
      'call_id,topic,corrected_at\ncall-1,billing,\ncall-2,claims,\ncall-1,none,2026-11-30T09:00:00Z\n',
    );
    expect([...readCorrections(home).values()]).toEqual([
      { callId: 'call-1', topic: 'none', at: '2026-11-30T09:00:00Z' },
      { callId: 'call-2', topic: 'claims', at: null },
    ]);
  });

  it('call ids with commas, quotes, line breaks or spaces at either end are read back as written', () => {
    const home = tempDir('corrections-ids');
    const ids = ['a,b', 'say "hi"', 'two\nlines', ' leading space', 'trailing space ', '\tx'];
    for (const callId of ids) appendCorrection(home, { callId, topic: 'billing', at: null });
    expect([...readCorrections(home).keys()]).toEqual(ids);
  });

  it('a run asks once per call: the file is parsed again only when it changes, and a removed file is no corrections', () => {
    const home = tempDir('corrections-cache');
    expect(currentCorrections(home).size).toBe(0);
    appendCorrection(home, { callId: 'call-1', topic: 'billing', at: '2026-11-30T09:00:00Z' });
    const first = currentCorrections(home);
    expect(first.get('call-1')?.topic).toBe('billing');
    // Unchanged file: the same parsed map, not a new parse.
    expect(currentCorrections(home)).toBe(first);
    // A correction made while a run goes on is seen by the calls after it.
    appendCorrection(home, { callId: 'call-1', topic: 'claims', at: '2026-11-30T10:00:00Z' });
    expect(currentCorrections(home).get('call-1')?.topic).toBe('claims');
    // Rewritten in place by hand with the same size: its modification time differs, so it is read again.
    const file = correctionsFile(home);
    writeFileSync(file, readFileSync(file, 'utf8').replace('claims', 'fraud_'));
    utimesSync(file, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
    expect(currentCorrections(home).get('call-1')?.topic).toBe('fraud_');
    rmSync(file);
    expect(currentCorrections(home).size).toBe(0);
  });

  it("the embedded summarizer names the request with an analyst's topic when given one", async () => {
    const { summarizer } = await createLocalEnrichers({ summary: { engine: 'local' } });
    const turns = [
      { role: 'AGENT' as const, text: 'Thank you for calling, how can I help you today?' },
      { role: 'CUSTOMER' as const, text: 'Hi, can I pay my bill with the debit card today?' },
      { role: 'AGENT' as const, text: 'Yes, I can take that payment for you now.' },
    ];
    const own = await summarizer!.summarize({ callId: 'c', language: 'en-US', turns });
    const told = await summarizer!.summarize({ callId: 'c', language: 'en-US', turns, topic: 'claims' });
    const none = await summarizer!.summarize({ callId: 'c', language: 'en-US', turns, topic: null });
    expect(own.reasonForCall).toMatch(/^payments/);
    expect(told.reasonForCall).toMatch(/^claims( — [^:]+)?: can I pay my bill/);
    expect(none.reasonForCall).not.toMatch(/^payments/);
  });
});
