import { z } from 'zod';
import { INPUT_FAULTS, ObjectNotFoundError } from '../../core/errors.js';
import { objectName, uniqueToken } from '../../core/object-names.js';
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
  /**
   * `rejected`: the workflow quarantined this drop for its own input while the call had results
   * in the lake, which it keeps (core/call-lease.ts rejectsDrop): the record names the rejected
   * drop's files (the same files again are `unchanged`), and the recording and results the call
   * keeps (`recordingSha256`, `keptResultsFrom`).
   */
  outcome: z.enum(['succeeded', 'quarantined', 'rejected']),
  /**
   * Run it again next time: quarantined for a reason that may pass (a timeout, a throttled
   * service), or landed partial (an AI step failed).
   */
  retryable: z.boolean(),
  statesRun: z.array(z.string()),
  error: z.object({ name: z.string(), message: z.string() }).nullable(),
  finishedAt: z.string(),
  /**
   * sha256 of the bytes of the recording the execution ran with; null: the call had none.
   * Absent: written before debrief kept recordings' claims (a home of an earlier version); see
   * run-calls.ts backfillClaim.
   */
  recordingSha256: z.string().nullable().optional(),
  /**
   * sha256 of the transcript of a call that ran with a recording too: the call holds these bytes
   * as well (a copy of the transcript alone is its copy). Absent or null: none, or written before.
   */
  transcriptSha256: z.string().nullable().optional(),
  /**
   * The drop folder (absolute) the execution's files were read from. A call is its id in a home,
   * whichever folder it comes from: the next run of the id from another folder replaces this one,
   * and says so. Absent: written before debrief kept it.
   */
  dropFolder: z.string().optional(),
  /**
   * The error QuarantineCall was given, when the workflow quarantined the call after reading its
   * inputs (`error` names the execution's failure). Absent: quarantined before the workflow ran
   * (a copy, a file that cannot be read), landed, or written before debrief kept it.
   */
  quarantineError: z.string().optional(),
  /** A rejected drop's: the execution whose results the call keeps, and when it finished. */
  keptResultsFrom: z.object({ executionName: z.string(), finishedAt: z.string() }).optional(),
});
export type LedgerRecord = z.infer<typeof LedgerRecord>;

export const LEDGER_PREFIX = 'executions';

/**
 * When the results a call's latest record leaves in the lake landed: a success's finish, the
 * kept results' of a rejected drop; null after a quarantine (its rows are hidden) or with no record.
 */
export const landedAtOf = (record: LedgerRecord | null): string | null =>
  record?.outcome === 'succeeded'
    ? record.finishedAt
    : record?.outcome === 'rejected'
      ? (record.keptResultsFrom?.finishedAt ?? null)
      : null;

/**
 * The record of a drop rejected for its own input (`quarantineError`; `executionName` names its
 * files) while the call kept the results `previous` left: it keeps that record's recording and
 * results. null when `previous` left none (the drop was no rejection).
 */
export const rejectedRecord = (
  previous: LedgerRecord | null,
  drop: Pick<LedgerRecord, 'executionName' | 'statesRun' | 'error' | 'retryable'> & {
    quarantineError: string;
  },
): LedgerRecord | null => {
  const kept =
    previous?.outcome === 'succeeded'
      ? { executionName: previous.executionName, finishedAt: previous.finishedAt }
      : previous?.outcome === 'rejected'
        ? previous.keptResultsFrom
        : undefined;
  if (!previous || !kept) return null;
  return {
    callId: previous.callId,
    executionName: drop.executionName,
    outcome: 'rejected',
    retryable: drop.retryable,
    statesRun: drop.statesRun,
    error: drop.error,
    finishedAt: new Date().toISOString(),
    recordingSha256: previous.recordingSha256 ?? null,
    ...(previous.transcriptSha256 ? { transcriptSha256: previous.transcriptSha256 } : {}),
    // The folder the kept results came from: a later run from another folder replaces them (and
    // says so), and `debrief forget` names the folder whose files would bring them back.
    ...(previous.dropFolder === undefined ? {} : { dropFolder: previous.dropFolder }),
    quarantineError: drop.quarantineError,
    keptResultsFrom: kept,
  };
};

const keyOf = (callId: string) => `${LEDGER_PREFIX}/${objectName(callId)}.json`;

/**
 * Which calls were dropped with a recording: `executions/recordings/<sha256>/<call>.json`, one
 * file per call (two calls of one run never write the same file), written before the call runs.
 */
const RECORDINGS_PREFIX = `${LEDGER_PREFIX}/recordings`;
const claimKey = (sha256: string, callId: string) =>
  `${RECORDINGS_PREFIX}/${sha256}/${objectName(callId)}.json`;

/**
 * A call dropped with a recording's bytes, and the run that first dropped it with them (calls
 * of one run are one drop). A claim only says a call was dropped with these bytes; it holds the
 * recording (a later call with the same bytes is its copy) only while its call's latest record is
 * a success with that sha256, or a quarantine for a step's fault with it (ExecutionLedger.holds): a
 * call dropped again with other bytes, quarantined for its input, or whose record was removed
 * holds nothing, whatever claim files remain.
 */
export const RecordingClaim = z.object({
  callId: z.string(),
  /** The run's id (its start time, then a token); null: the call landed before claims were kept. */
  firstRun: z.string().nullable(),
});
export type RecordingClaim = z.infer<typeof RecordingClaim>;

/** A run's id: its start time (so claims sort by run), then a token (two runs never share one). */
export const newRunId = (now = new Date()): string => `${now.toISOString()}#${uniqueToken()}`;

export class ExecutionLedger {
  constructor(
    private readonly store: FsObjectStore,
    /** Told when a record cannot be read (a crash while writing it, by an older version): the call simply runs again. */
    private readonly onDamaged: (callId: string) => void = () => undefined,
  ) {}

  async latest(callId: string): Promise<LedgerRecord | null> {
    return this.read(callId, true);
  }

  /** When the results the lake shows for the call landed (StepDeps.landedResults), by its latest record. */
  async landedAt(callId: string): Promise<string | null> {
    return landedAtOf(await this.read(callId, false));
  }

  /** `told`: say when the record is damaged (the call being run); another call's is only read. */
  private async read(callId: string, told: boolean): Promise<LedgerRecord | null> {
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
      if (told) this.onDamaged(callId);
      return null;
    }
  }

  /** Written atomically (temporary file, then rename): a crash leaves the old record or the new one. */
  async record(record: LedgerRecord): Promise<void> {
    await this.store.put(keyOf(record.callId), JSON.stringify(record, null, 2), 'application/json');
  }

  /**
   * The call is dropped with these bytes in this run. Created once (link(2)): a claim made in an
   * earlier run keeps that run, so a call of a one-drop pair that failed stays in its pair.
   */
  async claim(sha256: string, callId: string, runId: string): Promise<void> {
    const key = claimKey(sha256, callId);
    // A claim found (a reprocess, a call run again) is kept as it is, as the create would keep
    // it; only `debrief forget` removes claims, under the home's lock, so never during a run.
    // Looking first spares the create's temporary file (an asynchronous write, then a link that
    // fails) at every later run of the call.
    if (await this.store.exists(key)) return;
    const claim: RecordingClaim = { callId, firstRun: runId };
    await this.store.putIfAbsent(key, JSON.stringify(claim), 'application/json');
  }

  /** The call landed with these bytes before claims were kept (backfill): no later call is its original. */
  async claimLanded(sha256: string, callId: string): Promise<void> {
    const claim: RecordingClaim = { callId, firstRun: null };
    await this.store.put(claimKey(sha256, callId), JSON.stringify(claim), 'application/json');
  }

  /** Every call dropped with these bytes: landed before claims first, then by run. */
  async claims(sha256: string): Promise<RecordingClaim[]> {
    const claims: RecordingClaim[] = [];
    for (const key of await this.store.list(`${RECORDINGS_PREFIX}/${sha256}/`)) {
      try {
        claims.push(RecordingClaim.parse(JSON.parse(new TextDecoder().decode(await this.store.get(key)))));
      } catch {
        // Written by put or link of a whole temporary file, a claim is never half there; one that
        // cannot be read anyway (edited by hand) is no claim: its call claims again when it runs.
      }
    }
    const order = (c: RecordingClaim) => `${c.firstRun === null ? '0' : `1${c.firstRun}`}\0${c.callId}`;
    return claims.sort((a, b) => (order(a) < order(b) ? -1 : 1));
  }

  /**
   * The call's latest execution ran with these bytes and landed (succeeded, partial included), or
   * was quarantined by a step's fault after its inputs were read (a post-processor, an engine, a
   * timeout): its recording is still its own, and run again (`--reprocess`, the line its run
   * prints) it lands again, not as a copy of a call that took the recording meanwhile. A call
   * quarantined for its input (INPUT_FAULTS: a copy, a bad recording) holds nothing.
   */
  async holds(callId: string, sha256: string): Promise<boolean> {
    const latest = await this.read(callId, false);
    if (latest?.recordingSha256 !== sha256 && latest?.transcriptSha256 !== sha256) return false;
    return (
      latest.outcome === 'succeeded' ||
      // A rejected drop's record names the recording of the results the call keeps.
      latest.outcome === 'rejected' ||
      (latest.outcome === 'quarantined' &&
        latest.quarantineError !== undefined &&
        !INPUT_FAULTS.has(latest.quarantineError))
    );
  }

  /**
   * The call whose recording this is, when a call dropped with these bytes in this run is a copy:
   * another call holds them (ExecutionLedger.holds) and was first dropped with them in another run
   * than this call was. Calls first dropped in one run are one drop (the scan says the call counts
   * twice) and never copies of each other, whether each landed in that run or later; a call that
   * landed with the bytes before claims were kept is never a copy (it is the original its copies
   * were checked against).
   */
  async originalOf(sha256: string, callId: string, runId: string): Promise<RecordingClaim | null> {
    const claims = await this.claims(sha256);
    const mine = claims.find((c) => c.callId === callId);
    if (mine?.firstRun === null) return null;
    const myRun = mine?.firstRun ?? runId;
    for (const other of claims)
      if (other.callId !== callId && other.firstRun !== myRun && (await this.holds(other.callId, sha256)))
        return other;
    return null;
  }
}
