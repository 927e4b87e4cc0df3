import { z } from 'zod';
import { ObjectNotFoundError } from '../../core/errors.js';
import { objectName } from '../../core/object-names.js';
import type { FsObjectStore } from './fs-object-store.js';

/**
 * What `debrief run` remembers about each call: the latest execution, named after the content
 * of its inputs. A call is `unchanged` only when its inputs are exactly those of its latest
 * execution and that execution's outcome was final. Keeping the latest (not every execution
 * ever) is what makes a revert to earlier inputs run again: those inputs are not the latest.
 */
export const LedgerRecord = z.object({
  callId: z.string(),
  executionName: z.string(),
  outcome: z.enum(['succeeded', 'quarantined']),
  /**
   * Run it again next time: quarantined for a reason that may pass (a timeout, a throttled
   * service), or landed partial (an AI step failed).
   */
  retryable: z.boolean(),
  statesRun: z.array(z.string()),
  error: z.object({ name: z.string(), message: z.string() }).nullable(),
  finishedAt: z.string(),
});
export type LedgerRecord = z.infer<typeof LedgerRecord>;

export const LEDGER_PREFIX = 'executions';

const keyOf = (callId: string) => `${LEDGER_PREFIX}/${objectName(callId)}.json`;

export class ExecutionLedger {
  constructor(
    private readonly store: FsObjectStore,
    /** Told when a record cannot be read (a crash while writing it, by an older version): the call simply runs again. */
    private readonly onDamaged: (callId: string) => void = () => undefined,
  ) {}

  async latest(callId: string): Promise<LedgerRecord | null> {
    let text: string;
    try {
      text = new TextDecoder().decode(await this.store.get(keyOf(callId)));
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return null;
      throw error;
    }
    try {
      const record = LedgerRecord.parse(JSON.parse(text));
      return record.callId === callId ? record : null;
    } catch {
      this.onDamaged(callId);
      return null;
    }
  }

  /** Written atomically (temporary file, then rename): a crash leaves the old record or the new one. */
  async record(record: LedgerRecord): Promise<void> {
    await this.store.put(keyOf(record.callId), JSON.stringify(record, null, 2), 'application/json');
  }
}
