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

/**
 * A cell as a person reads it: a fraction loses binary floating-point noise
 * (-0.21000000000000002 reads -0.21; 12 significant digits are kept, so real figures are not rounded).
 */
export const cellText = (cell: unknown): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return JSON.stringify(cell);
  if (typeof cell === 'number' && Number.isFinite(cell) && !Number.isInteger(cell))
    return String(Number(cell.toPrecision(12)));
  return String(cell);
};

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
        const text = printable(cellText(cell)).replace(/[\t\n]/g, ' ');
        return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
      }),
    );
  }
  return table.toString();
};
