import type { Lake } from '../../core/ports/lake.js';
import type { TableName } from '../../schemas/tables.js';
import type { ParquetLake } from './parquet-lake.js';

type Row = Record<string, unknown>;

export interface FlushReport {
  /** Calls whose writes the flush made durable (rows of any table, or a status). */
  calls: number;
  rows: number;
  /** Objects written, data tables' first, call_status's last. */
  keys: string[];
}

/**
 * The lake for a run that batches its writes: each call's writes are validated at once (a bad
 * row fails the step that wrote it, as with ParquetLake) and held; `flush` writes every table's
 * and day's held rows as ONE object (`b-…`, many calls each), the data tables first and
 * call_status last. So the commit rule of adapters/lake/latest-write.ts holds call by call: each
 * call's rows carry its status's updated_at, and its status lands only after them. A run killed
 * before or during a flush leaves no status for the held calls (their earlier state stands, any
 * rows that landed stay invisible) and must not have recorded them as done: `debrief run` writes
 * its execution records only after the flush.
 */
export class BatchingLake implements Lake {
  private held = new Map<string, { table: TableName; dt: string | null; rows: Row[] }>();
  private heldCalls = new Set<string>();

  constructor(
    private readonly lake: ParquetLake,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async putCallRows(
    table: TableName,
    callId: string,
    dt: string | null,
    rows: readonly Record<string, unknown>[],
  ): Promise<void> {
    const { valid } = this.lake.validWrite(table, callId, rows);
    if (valid.length === 0) return;
    const group = `${table}\0${dt ?? ''}`;
    let batch = this.held.get(group);
    if (!batch) {
      batch = { table, dt, rows: [] };
      this.held.set(group, batch);
    }
    for (const row of valid) batch.rows.push(row);
    this.heldCalls.add(callId);
  }

  /** Calls with writes held now. */
  get pendingCalls(): number {
    return this.heldCalls.size;
  }

  /** Write everything held: one object per table and day, call_status last. */
  async flush(): Promise<FlushReport> {
    const batches = [...this.held.values()];
    const report: FlushReport = { calls: this.heldCalls.size, rows: 0, keys: [] };
    this.held = new Map();
    this.heldCalls = new Set();
    const now = this.now();
    const ordered = [
      ...batches.filter((b) => b.table !== 'call_status'),
      ...batches.filter((b) => b.table === 'call_status'),
    ];
    for (const batch of ordered) {
      const key = await this.lake.putBatch(batch.table, batch.dt, batch.rows, now);
      if (key) report.keys.push(key);
      report.rows += batch.rows.length;
    }
    return report;
  }
}
