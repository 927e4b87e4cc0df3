import { columnsOf, type TableDef } from '../schemas/table.js';

/**
 * The rows of each call's latest write. Per-call objects are overwritten in place, but a day
 * that was compacted and then reprocessed holds two versions until the next compaction; this
 * keeps the newest. Plain SQL that runs on Athena (Trino) and DuckDB alike.
 */
export const latestRowsSql = (table: TableDef, source: string): string => {
  const stamp = 'written_at' in table.row.shape ? 'written_at' : 'updated_at';
  const cols = columnsOf(table)
    .map((c) => `t.${c.name}`)
    .join(', ');
  return `select ${cols} from ${source} t join (select call_id, max(${stamp}) as latest from ${source} group by call_id) l on t.call_id = l.call_id and t.${stamp} = l.latest`;
};
