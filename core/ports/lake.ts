import type { TableName } from '../../schemas/tables.js';

/**
 * The analytics lake: one object per call per table at a deterministic key, so reprocessing a
 * call overwrites its rows instead of duplicating them.
 */
export interface Lake {
  /** Replace the call's rows in `table` (partition `dt`; null for unpartitioned tables). Rows are validated. */
  putCallRows(
    table: TableName,
    callId: string,
    dt: string | null,
    rows: readonly Record<string, unknown>[],
  ): Promise<void>;
}
