import Table from 'cli-table3';
import { isControl } from '../core/control-characters.js';

/**
 * Text from inputs (transcripts, summaries, file names) as it may be shown in a terminal:
 * control characters (escape sequences could recolour, retitle or clear the terminal, or hide
 * text) and bidirectional overrides (which could reorder what is read) are shown as \uXXXX.
 */
export const printable = (text: string): string =>
  [...text]
    .map((c) =>
      (isControl(c) && c !== '\t' && c !== '\n') || BIDI.test(c)
        ? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');

const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A terminal table; long cells wrap instead of breaking the layout, control characters are escaped. */
export const renderTable = (head: string[], rows: unknown[][], maxCell = 60): string => {
  const color = Boolean(process.stdout.isTTY);
  const table = new Table({
    head,
    style: color ? { head: ['cyan'] } : { head: [], border: [] },
    wordWrap: true,
  });
  for (const row of rows) {
    table.push(
      row.map((cell) => {
        const text = printable(cell === null || cell === undefined ? '' : String(cell)).replace(
          /[\t\n]/g,
          ' ',
        );
        return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
      }),
    );
  }
  return table.toString();
};
