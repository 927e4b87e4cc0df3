import { readdirSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupDrop } from '../../core/drop.js';
import {
  CallTruth,
  generateCalls,
  generateShowcase,
  genesysQueuesExport,
  QUEUES_EXPORT_FILE,
  writeDrop,
} from '../../generator/index.js';
import { AUDIO_SAMPLES, buildShowcaseDrop } from '../../generator/showcase-drop.js';
import { CTR_FIXTURE, REPO, TCA_FIXTURE, tempDir } from '../helpers/paths.js';
import { readGeneratedCall } from './generated-call-reader.js';

/** Key paths of a JSON document; arrays become `[]`, category names (user-defined) become `*`. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const name = prefix.endsWith('MatchedDetails') ? '*' : key;
      const path = prefix ? `${prefix}.${name}` : name;
      out.add(path);
      keyPaths(child, path, out);
    }
  }
  return out;
}

async function fixture(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

const batch = generateCalls(31, 60);

describe('generated drop files', () => {
  it('parse with the pipeline schemas, and the truth parses with CallTruth', () => {
    for (const call of batch) {
      // Act
      const parsed = readGeneratedCall(call);

      // Assess
      expect(parsed.transcript.Transcript.length).toBeGreaterThan(5);
      expect(parsed.recording.conversationId).toBe(call.truth.conversationId);
      expect(parsed.ctr === null).toBe(call.truth.scenario.ctr === 'missing');
      expect(CallTruth.parse(JSON.parse(JSON.stringify(call.truth)))).toEqual(call.truth);
    }
  });

  it('have every field of the AWS Transcribe Call Analytics fixture (summaries are not requested)', async () => {
    // Prepare
    const expected = [...keyPaths(await fixture(TCA_FIXTURE))].filter(
      (p) => !p.startsWith('ConversationCharacteristics.ContactSummary'),
    );

    // Act
    const produced = new Set<string>();
    for (const call of batch) keyPaths(JSON.parse(call.files[0]!.content), '', produced);

    // Assess
    expect(expected.filter((p) => !produced.has(p))).toEqual([]);
  });

  it('have every field of the Genesys conversation detail fixture', async () => {
    // Prepare
    const expected = keyPaths(await fixture(CTR_FIXTURE));

    // Act
    const produced = new Set<string>();
    for (const call of batch) {
      const ctr = call.files.find((f) => f.name === call.truth.files.ctr);
      if (ctr) keyPaths(JSON.parse(ctr.content), '', produced);
    }

    // Assess
    expect([...expected].filter((p) => !produced.has(p))).toEqual([]);
  });

  it('group into one call per stem under both naming schemes', () => {
    // Prepare
    const names = batch.flatMap((c) => c.files.map((f) => f.name));

    // Act
    const manifest = groupDrop(names);

    // Assess
    expect(manifest.unknown).toEqual([]);
    expect(manifest.duplicates).toEqual([]);
    expect(manifest.calls.map((c) => c.callId)).toEqual(batch.map((c) => c.callId).sort());
    for (const call of batch) {
      const grouped = manifest.calls.find((c) => c.callId === call.callId)!;
      expect(grouped.transcript).toBe(call.truth.files.transcript);
      expect(grouped.ctr).toBe(call.truth.files.ctr);
      expect(grouped.recording).toBe(call.truth.files.recording);
    }
    expect(new Set(batch.map((c) => c.truth.scenario.naming))).toEqual(new Set(['debrief', 'pca']));
  });

  it('are written by writeDrop with the truth in a separate folder', async () => {
    // Prepare
    const root = tempDir('generator');
    const calls = batch.slice(0, 3);
    try {
      // Act
      const written = await writeDrop(calls, join(root, 'drop'), join(root, 'truth'));

      // Assess
      const dropNames = (await readdir(join(root, 'drop'))).sort();
      // Records without agent names come with the users export that names them.
      const users = calls.some((c) => c.truth.files.ctr !== null && !c.truth.scenario.agentNames)
        ? ['genesys-users.json']
        : [];
      // Records name queues by id only: any record comes with the queues export.
      const queues = calls.some((c) => c.truth.files.ctr !== null) ? ['genesys-queues.json'] : [];
      expect(dropNames).toEqual(
        [...calls.flatMap((c) => c.files.map((f) => f.name)), ...users, ...queues].sort(),
      );
      expect(written.truthFiles).toHaveLength(3);
      const truth = CallTruth.parse(
        JSON.parse(await readFile(join(root, 'truth', `${calls[0]!.callId}.truth.json`), 'utf8')),
      );
      expect(truth).toEqual(calls[0]!.truth);
      expect(await readFile(join(root, 'drop', calls[0]!.files[0]!.name), 'utf8')).toBe(
        calls[0]!.files[0]!.content,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('bundled samples', () => {
  const showcase = generateShowcase(42);

  it('cover the showcase scenarios', () => {
    // Act
    const scenarios = showcase.map((c) => c.truth.scenario);

    // Assess
    expect(scenarios.map((s) => [s.agents, s.transfer, s.hold, s.ctr, s.naming])).toEqual([
      [1, 'none', false, 'present', 'debrief'],
      [1, 'none', true, 'present', 'debrief'],
      [2, 'consult', false, 'present', 'debrief'],
      [2, 'blind', false, 'present', 'debrief'],
      [1, 'none', false, 'missing', 'debrief'],
      [1, 'none', false, 'present', 'pca'],
    ]);
    expect(showcase.some((c) => c.truth.toxic.length > 0)).toBe(true);
    expect(showcase.some((c) => c.truth.scenario.mixedFirstTurn)).toBe(true);
    const pca = showcase[5]!;
    expect(
      JSON.parse(pca.files.find((f) => f.name.endsWith('.wav_metadata.json'))!.content).conversationStart,
    ).toMatch(/\+0000$/);
    expect(pca.truth.recording.reportedStartTime).toMatch(/\+0000$/);
  });

  it('the first samples are recordings (stereo WAV, agent on channel 1), the rest transcripts', () => {
    const onDisk = readdirSync(join(REPO, 'samples'));
    showcase.forEach((call, i) => {
      const stem = call.truth.files.transcript.replace(/\.tca\.json$/, '');
      expect(onDisk.includes(`${stem}.wav`)).toBe(i < AUDIO_SAMPLES);
      expect(onDisk.includes(`${stem}.tca.json`)).toBe(i >= AUDIO_SAMPLES);
    });
  });

  it('in samples/ and samples-truth/ match the generator, audio byte for byte (run `npm run samples` after changing it)', async () => {
    // Act: the showcase as `npm run samples` writes it (flite + sox -D render deterministically)
    const drop = await buildShowcaseDrop(42);
    for (const call of drop) {
      const onDisk = await Promise.all(call.files.map((f) => readFile(join(REPO, 'samples', f.name))));
      const truth = await readFile(join(REPO, 'samples-truth', `${call.callId}.truth.json`), 'utf8');

      // Assess
      call.files.forEach((f, i) => {
        const expected =
          typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content);
        expect(onDisk[i]!.equals(expected), `samples/${f.name} differs from the generator's`).toBe(true);
      });
      expect(truth).toBe(`${JSON.stringify(call.truth, null, 2)}\n`);
    }
    // The queues export that names the records' queue ids, as writeDrop writes it.
    expect(await readFile(join(REPO, 'samples', QUEUES_EXPORT_FILE), 'utf8')).toBe(
      `${JSON.stringify(genesysQueuesExport(), null, 2)}\n`,
    );
  }, 180_000);
});
