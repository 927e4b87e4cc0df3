import type { TableName } from '../../schemas/tables.js';

/**
 * The analytics lake. Each call of `putCallRows` adds one write of a call's rows to a table
 * (a new object; nothing is overwritten). Which write counts is decided by call_status, the
 * commit record: a table's rows count when their written_at equals the call's latest status
 * updated_at and that status is processed or partial (adapters/lake/latest-write.ts). So a
 * step that writes table rows must use the same timestamp as the status row it is committed by.
 */
export interface Lake {
  /**
   * Add the call's rows for one write to `table` (partition `dt`; null for unpartitioned
   * tables). Rows are validated and must share one written_at (updated_at for call_status).
   * No rows: nothing is written (the status commit hides what earlier writes left).
   */
  putCallRows(
    table: TableName,
    callId: string,
    dt: string | null,
    rows: readonly Record<string, unknown>[],
  ): Promise<void>;
}
