import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeCtrCommand } from '../../cli/commands/merge-ctr.js';
import { CallDocument } from '../../schemas/call-document.js';
import { fixtureCtr, tcaTurn } from './call-builder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'merge-ctr-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, value: unknown) => {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const transcriptJson = {
  JobName: 'job-1',
  LanguageCode: 'en-US',
  Transcript: [
    tcaTurn('AGENT', { atMs: 2_000, text: 'Welcome to Acme.' }),
    tcaTurn('AGENT', { atMs: 140_000, text: 'Dana speaking, how can I help?' }),
  ],
};

describe('debrief merge-ctr', () => {
  it('reads the AWS sample naming scheme and an API query response, and prints a valid document', async () => {
    // Prepare
    const ctr = fixtureCtr();
    const transcript = await write('call-7.tca.json', transcriptJson);
    const ctrPath = await write('call-7.wav_metadata.json', { conversations: [ctr] });
    const recording = await write('call-7.wav_call_metadata.json', {
      conversationId: ctr.conversationId,
      startTime: '2026-03-02T14:00:00.120+0000',
    });

    // Act
    const doc = await mergeCtrCommand({ transcript, ctr: ctrPath, recording, aniHashKey: 'k' });

    // Assess
    expect(CallDocument.parse(doc)).toEqual(doc);
    expect(doc.callId).toBe('call-7');
    expect(doc.journey?.ctrStatus).toBe('matched');
    expect(doc.turns.map((t) => `${t.role}:${t.agentId ?? ''}`)).toEqual(['IVR:', 'AGENT:u-dana']);
    expect(doc.sources).toEqual({ transcript, ctr: ctrPath, recording, audio: null, redactedAudio: null });
  });

  it('lands a call without --ctr as missing', async () => {
    // Prepare
    const transcript = await write('call-8.tca.json', transcriptJson);

    // Act
    const doc = await mergeCtrCommand({ transcript });

    // Assess
    expect(doc.journey?.ctrStatus).toBe('missing');
    expect(doc.journey?.timeBase).toBe('none');
    expect(doc.turns.every((t) => t.role === 'AGENT' && t.agentId === null)).toBe(true);
  });

  it('rejects a CTR that is not JSON as invalid ctr input', async () => {
    // Prepare
    const transcript = await write('call-9.tca.json', transcriptJson);
    const ctr = await write('call-9.ctr.json', '{"conversationId": ');

    // Act
    const act = mergeCtrCommand({ transcript, ctr });

    // Assess
    await expect(act).rejects.toMatchObject({ name: 'InvalidInputError', file: 'ctr' });
  });
});
