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
  /** sha256 of the call's recording, when it had one (see ExecutionLedger.recordingClaims). */
  recordingSha256: z.string().nullable().optional(),
});
export type LedgerRecord = z.infer<typeof LedgerRecord>;

export const LEDGER_PREFIX = 'executions';

const keyOf = (callId: string) => `${LEDGER_PREFIX}/${objectName(callId)}.json`;

/** Which calls landed with a recording: `executions/recordings/<sha256>/<call>.json`. */
const RECORDINGS_PREFIX = `${LEDGER_PREFIX}/recordings`;
const claimKey = (sha256: string, callId: string) =>
  `${RECORDINGS_PREFIX}/${sha256}/${objectName(callId)}.json`;

export const RecordingClaim = z.object({ callId: z.string(), claimedAt: z.string() });
export type RecordingClaim = z.infer<typeof RecordingClaim>;

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

  /**
   * Written atomically (temporary file, then rename): a crash leaves the old record or the new one.
   * A call that landed with a recording also claims that recording's bytes (recordingClaims).
   */
  async record(record: LedgerRecord): Promise<void> {
    await this.store.put(keyOf(record.callId), JSON.stringify(record, null, 2), 'application/json');
    if (record.outcome === 'succeeded' && record.recordingSha256)
      await this.store.putIfAbsent(
        claimKey(record.recordingSha256, record.callId),
        JSON.stringify({ callId: record.callId, claimedAt: record.finishedAt }),
        'application/json',
      );
  }

  /**
   * The calls that landed with this recording (byte for byte) in earlier executions, with when
   * each first did: one file per call, so two calls finishing at once never lose a claim.
   */
  async recordingClaims(sha256: string): Promise<RecordingClaim[]> {
    const claims: RecordingClaim[] = [];
    for (const key of await this.store.list(`${RECORDINGS_PREFIX}/${sha256}/`)) {
      try {
        claims.push(RecordingClaim.parse(JSON.parse(new TextDecoder().decode(await this.store.get(key)))));
      } catch {
        // A claim that cannot be read (a crash mid-write) claims nothing.
      }
    }
    return claims.sort((a, b) => (a.claimedAt < b.claimedAt ? -1 : 1));
  }
}
