import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transcriptNote } from '../../adapters/local/speech/embedded-engine.js';
import { DEFAULT_NOTE } from '../../adapters/local/speech/recognizers/pocketsphinx.js';
import { REPO } from '../helpers/paths.js';

/** The README's measured word error rate on a row of the recogniser table, call-center model column. */
const measured = (readme: string, row: string): number => {
  const line = readme.split('\n').find((l) => l.startsWith(`| ${row}`));
  const cells = line?.split('|').map((c) => c.trim()) ?? [];
  return Number.parseFloat(cells[3] ?? 'NaN');
};

describe("the local recogniser's lineage note", () => {
  it("states the README's measured word error rates (it said ~30% at 16 kHz where the README measures 24%)", () => {
    // Prepare
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const at16k = Math.round(measured(readme, 'real read speech, 16 kHz'));
    const at8k = Math.round(measured(readme, 'the same, resampled to 8 kHz'));
    // Act
    const rates = [...DEFAULT_NOTE.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
    // Assess
    expect(Number.isFinite(at16k) && Number.isFinite(at8k)).toBe(true);
    expect(rates).toEqual([at16k, at8k]);
  });

  it('the transcript note says "demo quality" once beside pocketsphinx, not at all for a server, and warns when the recogniser says nothing', () => {
    const count = (text: string) => (text.match(/demo.quality/giu) ?? []).length;
    expect(count(transcriptNote(DEFAULT_NOTE, 'roles: by channel'))).toBe(1);
    expect(transcriptNote(DEFAULT_NOTE, 'roles: by channel')).toBe(`${DEFAULT_NOTE}; roles: by channel`);
    expect(
      count(
        transcriptNote('transcribed by an OpenAI-compatible server; its model decides the quality', null),
      ),
    ).toBe(0);
    expect(count(transcriptNote(null, null))).toBe(1);
  });
});
