import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrop } from '../../cli/commands/run.js';
import { tempDir } from '../helpers/paths.js';
import { SAMPLES, samplesOracle } from '../helpers/samples.js';

/** A terminal as the run sees one (isTTY, a width): what it is sent, escape codes and all. */
const terminal = () => {
  const chunks: string[] = [];
  const stream = {
    isTTY: true,
    columns: 120,
    write: (s: string | Uint8Array) => {
      chunks.push(String(s));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, text: () => chunks.join('') };
};

const ESC = '\x1b';
const ESCAPE = new RegExp(`(\r|${ESC}\\[\\??\\d*[a-zA-Z]|${ESC}[78])`, 'u');
/**
 * What a row of the terminal shows once the escapes have run: a carriage return or "go to column
 * 1" starts the row again, "clear line" empties it. Enough of a terminal for the run's output.
 */
const screenRows = (text: string): string[] =>
  text.split('\n').map((row) => {
    let shown = '';
    for (const part of row.split(ESCAPE)) {
      if (part === '\r' || part === `${ESC}[1G` || part === `${ESC}[2K`) shown = '';
      else if (!part.startsWith(ESC)) shown += part;
    }
    return shown;
  });

describe('`debrief run` on a terminal', () => {
  it("says each recording's transcription on a row of its own above the progress bar, never run on after the bar", async () => {
    // Prepare: two recordings (the bar is drawn while both are transcribed)
    const drop = tempDir('tty-drop');
    for (const f of ['call-0001-billing.wav', 'call-0002-payments.wav'])
      copyFileSync(join(SAMPLES, f), join(drop, f));
    const err = terminal();
    const out = terminal();
    // Act
    await runDrop({
      dir: drop,
      home: tempDir('tty-home'),
      out: out.stream,
      err: err.stream,
      speech: { recognizer: async () => samplesOracle() },
    });
    // Assess
    const rows = screenRows(err.text());
    const told = rows.filter((r) => r.includes('transcribing'));
    expect(told.length).toBeGreaterThanOrEqual(4);
    // each such row starts with its call and holds nothing of the bar
    for (const row of told)
      expect(row).toMatch(/^call-000[12]-\w+: transcribing \((?:voice activity|speech to text)\)/u);
    // both calls' transcriptions were said, and the bar ended drawn, complete, on a row of its own
    expect(told.some((r) => r.startsWith('call-0001-billing'))).toBe(true);
    expect(told.some((r) => r.startsWith('call-0002-payments'))).toBe(true);
    expect(rows.some((r) => /^processing \S+ 2\/2 calls \| call-000[12]/u.test(r))).toBe(true);
  }, 120_000);
});
