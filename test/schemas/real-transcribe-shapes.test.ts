import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallDocument } from '../../core/call-document.js';
import { foreignTranscript, recogniseFormat } from '../../core/formats.js';
import { parseInput } from '../../core/steps/parse-input.js';
import { TranscribeCallAnalyticsOutput } from '../../schemas/transcribe-call-analytics.js';
import { FIXTURES } from '../helpers/paths.js';

// Call Analytics outputs in the shapes seen in the wild (sources: test/fixtures/transcribe/README.md).
const json = (...path: string[]) => JSON.parse(readFileSync(join(FIXTURES, ...path), 'utf8'));
const docOf = (raw: unknown) =>
  buildCallDocument({
    callId: 'c',
    transcript: TranscribeCallAnalyticsOutput.parse(raw),
    sources: { transcript: 'c.tca.json', ctr: null, recording: null, audio: null },
    startedAt: null,
    fallbackDt: '2026-01-01',
  });

describe('real-time Call Analytics post-call output', () => {
  const raw = json('transcribe', 'realtime-post-call.json');

  it('is valid although it has a SessionId and no JobName, offsets or word items everywhere', () => {
    // Assess
    expect(raw.JobName).toBeUndefined();
    expect(TranscribeCallAnalyticsOutput.safeParse(raw).success).toBe(true);
  });

  it('names the streaming session in lineage and keeps findings without offsets as whole turns', () => {
    // Act
    const doc = docOf(raw);

    // Assess
    expect(doc.lineage.transcript).toMatchObject({
      engine: 'amazon-transcribe-call-analytics-streaming',
      version: '0f7d3b9e-5a1c-4e62-8d04-a6c2e8b4f193',
    });
    expect(doc.transcribe).toMatchObject({ source: 'real-time', jobName: null });
    expect(doc.transcribe?.findings.map((f) => [f.kind, f.channel, f.textFrom, f.text])).toEqual([
      [
        'issue',
        'CUSTOMER',
        'turn',
        "Hi Priya, it's Dev from the Austin branch. A customer's autopay failed twice this month.",
      ],
      [
        'outcome',
        'AGENT',
        'turn',
        'I see it. The card on file expired, so I switched autopay to the new card and reversed the late fee.',
      ],
      ['action_item', 'AGENT', 'turn', "I'll email the customer a confirmation today."],
    ]);
    expect(doc.turns.at(-1)).toMatchObject({ text: 'Great, thanks.', words: [] });
  });

  it('would have been quarantined by a schema that requires JobName and CharacterOffsets', () => {
    const strict = TranscribeCallAnalyticsOutput.extend({
      JobName: TranscribeCallAnalyticsOutput.shape.SessionId.unwrap(),
    });
    expect(strict.safeParse(raw).success).toBe(false);
  });
});

describe('batch output with the quirks of the documented example', () => {
  const doc = docOf(json('transcribe', 'batch-documented-quirks.json'));
  const tx = doc.transcribe!;

  it('keeps issues, outcomes and action items with their text and times', () => {
    expect(tx.findings.map((f) => [f.kind, f.textFrom, f.text])).toEqual([
      // Begin is one past the "I": the span is widened to whole words.
      ['issue', 'offsets', 'I need to check on my water damage claim'],
      // Only UnredactedCharacterOffsets, in a turn without [PII]: they index the Content.
      ['outcome', 'offsets', 'I approved the claim and the payment goes out Friday'],
      ['action_item', 'offsets', 'I will send you the settlement letter by email today'],
    ]);
    const issue = tx.findings[0]!;
    // The span's words, not the whole turn (which starts at 105.2 s with "Well,").
    expect(issue.beginMs).toBeGreaterThan(105_200);
    expect(issue.endMs).toBeLessThanOrEqual(108_900);
  });

  it('keeps the generative summary, redaction, categories with times, quarters and interruptions', () => {
    expect(tx.summary).toMatch(/^The customer called to check on a water damage claim/);
    expect(tx.redactionTypes).toEqual(['PII']);
    expect(tx.redactedEntities).toEqual({ NAME: 1 });
    expect(doc.categories).toEqual(['claim-follow-up', 'long-hold']);
    expect(tx.categoryMatches).toEqual([
      { category: 'claim-follow-up', beginMs: 105_200, endMs: 108_900 },
      { category: 'claim-follow-up', beginMs: 111_500, endMs: 116_800 },
      { category: 'long-hold', beginMs: null, endMs: null },
    ]);
    expect(tx.sentimentByQuarter.filter((q) => q.role === 'CUSTOMER').map((q) => q.score)).toEqual([
      0, 0, -5, 3.3,
    ]);
    expect(tx.interruptions).toEqual([
      { interrupter: 'CUSTOMER', beginMs: 111_500, endMs: 111_900, durationMs: 400 },
    ]);
  });

  it('takes the whole turn when only unredacted offsets exist and [PII] shifts the text', () => {
    // Prepare: the greeting holds [PII]; offsets into the unredacted text cannot be trusted.
    const raw = json('transcribe', 'batch-documented-quirks.json');
    const greeting = raw.Transcript[4];
    greeting.IssuesDetected = [{ UnredactedCharacterOffsets: { Begin: 20, End: 40 } }];

    // Act
    const finding = docOf(raw).transcribe!.findings.find((f) => f.channel === 'AGENT' && f.kind === 'issue')!;

    // Assess
    expect(finding).toMatchObject({ textFrom: 'turn', text: greeting.Content });
  });
});

describe('neighbouring formats dropped as a transcript', () => {
  it.each([
    [
      'contact-lens/analysis.json',
      'contact-lens',
      /Contact Lens analysis file .*drop the call's Call Analytics output/,
    ],
    [
      'transcribe/standard-output.json',
      'transcribe-standard',
      /standard Amazon Transcribe output \(job claims-b0d4f8a2-standard\).*StartCallAnalyticsJob.*call\.tca\.json/,
    ],
    [
      'pca/parsed-output.json',
      'pca-parsed',
      /Post-Call Analytics sample's parsed output.*parsed from as call\.tca\.json/,
    ],
    [
      'genesys/conversation-detail.json',
      'genesys-conversation',
      /Genesys conversation detail record.*name it call\.ctr\.json/,
    ],
    [
      'genesys/recording-export.opus_metadata.json',
      'recording-metadata',
      /recording metadata.*call\.recording\.json/,
    ],
  ])('%s is recognised and answered in one line', (file, kind, line) => {
    // Prepare
    const raw = json(...file.split('/'));

    // Act
    const reason = foreignTranscript(raw, 'call');

    // Assess
    expect(recogniseFormat(raw)).toBe(kind);
    expect(reason).toMatch(line);
    expect(reason).not.toContain('\n');
  });

  it('recognises a Contact Lens file without CustomerMetadata (the older documented version)', () => {
    const { CustomerMetadata: _omitted, ...older } = json('contact-lens', 'analysis.json');
    expect(recogniseFormat(older)).toBe('contact-lens');
  });

  it('leaves Call Analytics output (batch and real-time) to the schema', () => {
    for (const file of [
      'call-analytics-output.json',
      'batch-documented-quirks.json',
      'realtime-post-call.json',
    ])
      expect(foreignTranscript(json('transcribe', file), 'call')).toBeNull();
  });

  it('says what to drop for JSON of no known format without a Transcript (was "Transcript: Invalid input: expected array, received undefined")', () => {
    // Act
    const reasons = [{ foo: 1 }, [], { calls: [], exportedAt: '2026-11-30' }].map((raw) =>
      foreignTranscript(raw, 'call'),
    );

    // Assess
    for (const reason of reasons)
      expect(reason).toBe(
        "this is not Transcribe Call Analytics output (it has no Transcript list of turns): drop the call's Call Analytics output (batch job or real-time post-call transcript) as call.tca.json",
      );
    expect(foreignTranscript({ JobName: 'j', Transcript: [{ ParticipantRole: 'BOT' }] }, 'call')).toBeNull();
  });

  it('reports a broken Call Analytics output in one line, first problem first', () => {
    // Prepare
    const raw = json('transcribe', 'call-analytics-output.json');
    raw.Transcript[1].ParticipantRole = 'SUPERVISOR';
    raw.Transcript[0].EndOffsetMillis = 'soon';

    // Act
    const act = () => parseInput(TranscribeCallAnalyticsOutput, raw, 'transcript', 'c.tca.json');

    // Assess
    expect(act).toThrow(
      /^transcript: c\.tca\.json does not match the expected format: Transcript\[0\]\.EndOffsetMillis: .+ \(and 1 more problem\)$/,
    );
  });

  it("gives zod's value for every Call Analytics shape, key for key, without zod's copy where it can tell", () => {
    // Prepare: each shape, and a turn whose end comes before its start (the schema's refinement)
    const names = ['call-analytics-output.json', 'batch-documented-quirks.json', 'realtime-post-call.json'];
    const backwards = json('transcribe', 'call-analytics-output.json');
    backwards.Transcript[1].EndOffsetMillis = backwards.Transcript[1].BeginOffsetMillis - 1;

    // Act
    const read = names.map((name) => {
      const raw = json('transcribe', name);
      return { raw, value: parseInput(TranscribeCallAnalyticsOutput, raw, 'transcript', name) };
    });
    const act = () => parseInput(TranscribeCallAnalyticsOutput, backwards, 'transcript', 'c.tca.json');

    // Assess
    for (const [i, { raw, value }] of read.entries()) {
      const parsed = TranscribeCallAnalyticsOutput.parse(json('transcribe', names[i]!));
      expect(value).toStrictEqual(parsed);
      expect(JSON.stringify(value, null, 1)).toBe(JSON.stringify(parsed, null, 1));
      // Shared with the file's own JSON where its keys were in the schema's order (not zod's copy).
      if (i < 2) expect(value.Transcript[0]!.Items[0]).toBe(raw.Transcript[0].Items[0]);
    }
    expect(act).toThrow(
      /^transcript: c\.tca\.json does not match the expected format: Transcript\[1\]: EndOffsetMillis before BeginOffsetMillis$/,
    );
  });
});
