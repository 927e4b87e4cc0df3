import { describe, expect, it } from 'vitest';
import { previousUtcDay } from '../../core/compaction.js';
import { classifyDropFile, groupDrop, meantCallFileName } from '../../core/drop.js';

describe('grouping a drop into calls', () => {
  it('groups files by stem and accepts both sidecar naming schemes', () => {
    // Prepare
    const files = [
      'a.tca.json',
      'a.ctr.json',
      'a.recording.json',
      'sub/b.tca.json',
      'sub/b.wav_metadata.json',
      'sub/b.wav_call_metadata.json',
      'c.wav',
      'notes.txt',
      '.tca.json',
    ];
    // Act
    const manifest = groupDrop(files);
    // Assess
    expect(manifest.calls).toEqual([
      {
        callId: 'a',
        transcript: 'a.tca.json',
        audio: null,
        ctr: 'a.ctr.json',
        recording: 'a.recording.json',
      },
      {
        callId: 'b',
        transcript: 'sub/b.tca.json',
        audio: null,
        ctr: 'sub/b.wav_metadata.json',
        recording: 'sub/b.wav_call_metadata.json',
      },
      { callId: 'c', transcript: null, audio: 'c.wav', ctr: null, recording: null },
    ]);
    expect(manifest.unknown).toEqual(['.tca.json', 'notes.txt']);
  });

  it('reports a sidecar given twice (both schemes) instead of silently picking one', () => {
    const manifest = groupDrop(['x.tca.json', 'x.ctr.json', 'x.wav_metadata.json']);
    expect(manifest.calls[0]?.ctr).toBe('x.ctr.json');
    expect(manifest.duplicates).toEqual(['x.wav_metadata.json']);
  });

  it('does not mistake the call-metadata sidecar for the conversation record', () => {
    expect(classifyDropFile('call.wav_call_metadata.json')).toEqual({ stem: 'call', kind: 'recording' });
    expect(classifyDropFile('call.wav_metadata.json')).toEqual({ stem: 'call', kind: 'ctr' });
    expect(classifyDropFile('CALL.TCA.JSON')).toEqual({ stem: 'CALL', kind: 'transcript' });
  });
});

describe('a file that is no call file', () => {
  it("names the call file it was likely meant to be: a sidecar's kind joined by _, - or a space (the newcomer's trial: card_ctr.json)", () => {
    const meant: [file: string, callFile: string][] = [
      ['card_ctr.json', 'card.ctr.json'],
      ['sub/Card-0042-Recording.json', 'sub/Card-0042.recording.json'],
      ['with space tca.json', 'with space.tca.json'],
      ['x_wav_call_metadata.json', 'x.wav_call_metadata.json'],
    ];
    for (const [file, callFile] of meant) expect(meantCallFileName(file), file).toBe(callFile);
    // what no sidecar's name is near: no guess
    for (const file of ['notes.txt', 'card.json', 'ctr.json', '_ctr.json', 'card_ctr.txt'])
      expect(meantCallFileName(file), file).toBeNull();
    // every guess is a call file
    expect(classifyDropFile('card.ctr.json')).not.toBeNull();
  });
});

describe('nightly compaction day', () => {
  it('is the previous UTC day, across month and year ends', () => {
    expect(previousUtcDay('2026-03-01T02:30:00Z')).toBe('2026-02-28');
    expect(previousUtcDay('2027-01-01T00:10:00.000Z')).toBe('2026-12-31');
  });
});
