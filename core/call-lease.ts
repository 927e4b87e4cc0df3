import { createHash } from 'node:crypto';
import { getIfPresent } from './call-store.js';
import { INPUT_FAULTS } from './errors.js';
import { objectName } from './object-names.js';
import type { ObjectStoreWithHead } from './ports/object-store.js';

/**
 * One execution per call at a time. On AWS every file of a call (recording, transcript, CTR,
 * recording metadata) starts an execution when it lands, so two inputs of one call can start
 * two executions that would write the same call: the first to claim the call's lease goes on,
 * the others wait for it (then see its result). The lease is an object created only if absent
 * (S3 `If-None-Match: *`; locally an exclusive link) and removed only by its holder (`If-Match`),
 * so no two executions ever hold it; one left behind by an execution that died expires.
 */
export const CALL_STATE_PREFIX = 'state';
/** Longer than the state machine's own timeout, so a live holder never loses its lease. */
export const LEASE_TTL_MS = 25 * 60 * 60 * 1000;

interface LeaseBody {
  token: string;
  acquiredAt: string;
  expiresAt: string;
}

const leaseKey = (callId: string) => `${CALL_STATE_PREFIX}/leases/${objectName(callId)}.json`;
const doneKey = (callId: string) => `${CALL_STATE_PREFIX}/done/${objectName(callId)}.json`;

const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/**
 * A state object as it is now, with its version for a conditional delete (null when there is
 * none). A body nobody can read (not JSON) is null: a lease or claim nobody can read is one
 * nobody holds.
 */
export const readStateObject = async <T>(
  store: ObjectStoreWithHead,
  key: string,
): Promise<{ etag: string; body: T | null } | null> => {
  const found = store.readCurrent ? await store.readCurrent(key) : await listedVersion(store, key);
  if (!found) return null;
  try {
    return { etag: found.etag, body: decode(found.bytes) as T };
  } catch {
    return { etag: found.etag, body: null };
  }
};

/**
 * The key's version from a listing of its prefix, then its bytes if still that version (S3: a
 * ListObjectsV2 and a GetObject with If-Match). null: none, or replaced between the two.
 */
const listedVersion = async (
  store: ObjectStoreWithHead,
  key: string,
): Promise<{ etag: string; bytes: Uint8Array } | null> => {
  const version = (await store.listVersions(key)).find((v) => v.key === key);
  if (!version) return null;
  const bytes = await store.getVersion(key, version.etag);
  return bytes ? { etag: version.etag, bytes } : null;
};

const current = (store: ObjectStoreWithHead, key: string) => readStateObject<LeaseBody>(store, key);

export type LeaseClaim = { acquired: true } | { acquired: false; heldSince: string };

export const acquireCallLease = async (
  store: ObjectStoreWithHead,
  callId: string,
  token: string,
  now: string,
): Promise<LeaseClaim> => {
  const key = leaseKey(callId);
  const body = JSON.stringify({
    token,
    acquiredAt: now,
    expiresAt: new Date(Date.parse(now) + LEASE_TTL_MS).toISOString(),
  } satisfies LeaseBody);
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await store.putIfAbsent(key, body, 'application/json')) !== null) return { acquired: true };
    const held = await current(store, key);
    if (!held) continue;
    if (held.body?.token === token) return { acquired: true };
    const expired = !held.body || Date.parse(held.body.expiresAt) <= Date.parse(now);
    if (!expired) return { acquired: false, heldSince: held.body?.acquiredAt ?? now };
    // Its holder died: remove exactly that lease (a newer one is left alone) and try again.
    await store.deleteVersion(key, held.etag);
  }
  return { acquired: false, heldSince: now };
};

/** The token of the execution holding the call's lease now (null: none, or one that expired). */
export const liveLeaseToken = async (
  store: ObjectStoreWithHead,
  callId: string,
  now: string,
): Promise<string | null> => {
  const held = await current(store, leaseKey(callId));
  if (!held?.body || Date.parse(held.body.expiresAt) <= Date.parse(now)) return null;
  return held.body.token;
};

/** Remove the lease if this token holds it (a lease taken over after expiry is not ours). */
export const releaseCallLease = async (
  store: ObjectStoreWithHead,
  callId: string,
  token: string,
): Promise<void> => {
  const key = leaseKey(callId);
  const held = await current(store, key);
  if (held?.body?.token === token) await store.deleteVersion(key, held.etag);
};

/** What a call's inputs were, exactly (names and versions): equal fingerprints, same call. */
export const inputsFingerprint = (inputs: readonly { key: string; version: string }[]): string =>
  createHash('sha256')
    .update(
      [...inputs]
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((i) => `${i.key}\0${i.version}`)
        .join('\n'),
    )
    .digest('hex');

/**
 * The call's latest outcome (`state/done/<call>.json`): the inputs' fingerprint of its last
 * completed event-driven execution (an exact repeat is skipped) and the recording it landed with
 * (core/recording-claims.ts: a call holds a recording only while this says so). A quarantine
 * replaces it, and its inputs run again when dropped again; a call quarantined for its input
 * (INPUT_FAULTS: a copy, a bad recording) holds no recording, one quarantined by a step's fault
 * after its inputs were read (a post-processor, an engine, a timeout) still holds its own, as
 * locally (ExecutionLedger.holds): run again, it lands again, not as a copy of a later drop.
 */
interface DoneRecord {
  outcome: 'succeeded' | 'quarantined';
  fingerprint: string | null;
  /** The recording's fingerprint (RecordingFingerprinter) it landed with; null: none (or not known). */
  recording: string | null;
  /** The fingerprint of the transcript it was dropped with beside its recording, which it holds too; null: none. */
  transcript?: string | null;
  /** A quarantine's error name (absent on successes and on quarantines recorded before it was kept). */
  error?: string;
  at: string;
}

export const lastDone = async (store: ObjectStoreWithHead, callId: string): Promise<DoneRecord | null> => {
  const key = doneKey(callId);
  if (!(await store.exists(key))) return null;
  // A store that fails to answer (throttled, unavailable) throws: the step is retried. Taken for
  // "no record", a rejected drop would quarantine its call and hide what it landed.
  // Removed since (`debrief forget`): none.
  const bytes = await getIfPresent(store, key);
  if (bytes === null) return null;
  try {
    const body = decode(bytes) as Partial<DoneRecord>;
    return {
      // Written before outcomes were recorded: only successes wrote it.
      outcome: body.outcome ?? 'succeeded',
      fingerprint: body.fingerprint ?? null,
      recording: body.recording ?? null,
      ...(typeof body.transcript === 'string' ? { transcript: body.transcript } : {}),
      ...(typeof body.error === 'string' ? { error: body.error } : {}),
      at: body.at ?? '',
    };
  } catch {
    return null;
  }
};

/** The inputs of the call's last completed execution (event-driven runs skip an exact repeat). */
export const lastDoneFingerprint = async (
  store: ObjectStoreWithHead,
  callId: string,
): Promise<string | null> => {
  const done = await lastDone(store, callId);
  return done?.outcome === 'succeeded' ? done.fingerprint : null;
};

export const recordDone = async (
  store: ObjectStoreWithHead,
  callId: string,
  /** null: the inputs are not known (a reprocess after a quarantine): a repeat of them runs again. */
  fingerprint: string | null,
  at: string,
  recording: string | null = null,
  transcript: string | null = null,
): Promise<void> =>
  store.put(
    doneKey(callId),
    JSON.stringify({
      outcome: 'succeeded',
      fingerprint,
      recording,
      ...(transcript === null ? {} : { transcript }),
      at,
    } satisfies DoneRecord),
    'application/json',
  );

/**
 * The call was quarantined with `error`: no input is `unchanged` any more; it keeps `recording`
 * (the one its execution claimed) only when the error is a step's fault, not its input's.
 */
export const recordQuarantined = async (
  store: ObjectStoreWithHead,
  callId: string,
  at: string,
  error: string,
  recording: string | null = null,
  transcript: string | null = null,
): Promise<void> =>
  store.put(
    doneKey(callId),
    JSON.stringify({
      outcome: 'quarantined',
      fingerprint: null,
      recording: INPUT_FAULTS.has(error) ? null : recording,
      ...(transcript === null || INPUT_FAULTS.has(error) ? {} : { transcript }),
      error,
      at,
    } satisfies DoneRecord),
    'application/json',
  );

/**
 * When the results the lake shows for the call landed, by its done record (AWS): the time of its
 * last success, null when its last outcome was a quarantine or it has none. A drop rejected for its
 * input (rejectsDrop) writes no done record, so the success it did not replace stays the last.
 */
export const landedAtFromDone = (done: DoneRecord | null): string | null =>
  done?.outcome === 'succeeded' ? done.at || 'an earlier run' : null;

/**
 * A drop of a call whose results are in the lake (landed: when they did), quarantined for the
 * drop's own input (INPUT_FAULTS: a CTR or recording that cannot be read or used, a copy of another
 * call's recording, a file gone before it was read), is REJECTED: its files are kept and an error
 * report written as for any quarantine, but the call keeps the results it has in every table
 * and its last outcome stays that success (it keeps its recording). A quarantine for a step's fault
 * (an engine, a post-processor, a timeout, a bug) is not the drop's fault and is no rejection:
 * the call is quarantined and its earlier rows are hidden, as before.
 */
export const rejectsDrop = (landed: string | null, error: string): landed is string =>
  landed !== null && INPUT_FAULTS.has(error);

/** The call's latest outcome keeps these recording bytes: it landed with them, or a step's fault quarantined it. */
export const doneHolds = (done: DoneRecord | null, recording: string): boolean =>
  done !== null &&
  (done.recording === recording || (done.transcript ?? null) === recording) &&
  (done.outcome === 'succeeded' || (done.error !== undefined && !INPUT_FAULTS.has(done.error)));
