import Table from 'cli-table3';

/** A terminal table; long cells wrap instead of breaking the layout. */
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
        const text = cell === null || cell === undefined ? '' : String(cell);
        return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
      }),
    );
  }
  return table.toString();
};
