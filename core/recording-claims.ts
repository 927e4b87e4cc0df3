import { CALL_STATE_PREFIX, doneHolds, lastDone, liveLeaseToken, readStateObject } from './call-lease.js';
import { ThrottledError } from './errors.js';
import type { ObjectStoreWithHead } from './ports/object-store.js';

/**
 * Which call a recording's bytes (or, for a call dropped as a transcript alone, its transcript's)
 * belong to, on AWS (locally the home's ledger does this at
 * ReadInputs: adapters/local/execution-ledger.ts). One object per recording content,
 * `state/recordings/<fingerprint>.json`, names the call that claimed it and the execution (its
 * lease token) that did. It is created only if absent (S3 `If-None-Match: *`), so of two
 * executions racing on one recording exactly one creates it; the other reads it.
 *
 * A claim holds only while its call keeps the recording, as locally: its call's latest outcome
 * (`state/done/<call>.json`) is a success with those bytes or a quarantine by a step's fault after
 * they were read (core/call-lease.ts `doneHolds`), or the execution that claimed it is still
 * running (it holds its call's lease with the claim's token). A claim whose call landed with other
 * bytes since, was quarantined for its input, or whose execution died is stale: the next call with these
 * bytes replaces it (delete-if-unchanged, then create-if-absent: a racing third party wins or
 * loses cleanly) and runs.
 */
export const RECORDINGS_PREFIX = `${CALL_STATE_PREFIX}/recordings`;

const claimKey = (fingerprint: string) => `${RECORDINGS_PREFIX}/${fingerprint}.json`;

interface ClaimBody {
  callId: string;
  token: string;
  claimedAt: string;
}

export type RecordingClaim = { held: true } | { held: false; copyOf: string };

/** A fingerprint is part of an object key: what the fingerprinter makes, nothing else. */
const SAFE_FINGERPRINT = /^[0-9a-z-]{8,160}$/;

const read = async (store: ObjectStoreWithHead, key: string) => {
  const found = await readStateObject<Partial<ClaimBody>>(store, key);
  if (!found) return null;
  const body = found.body;
  const readable = typeof body?.callId === 'string' && typeof body.token === 'string';
  return { etag: found.etag, body: readable ? (body as ClaimBody) : null };
};

/** The claim's call still keeps the recording: landed with it last, or its claiming execution runs. */
const stillHolds = async (
  store: ObjectStoreWithHead,
  claim: ClaimBody,
  fingerprint: string,
  now: string,
): Promise<boolean> => {
  if (doneHolds(await lastDone(store, claim.callId), fingerprint)) return true;
  return (await liveLeaseToken(store, claim.callId, now)) === claim.token;
};

/**
 * Claim a recording's bytes for a call, from the execution holding the call's lease (`token`).
 * `held`: the call may go on (it claimed them now, or holds them already); otherwise the call
 * named in `copyOf` holds them and this call is its copy.
 */
export const claimRecording = async (
  store: ObjectStoreWithHead,
  request: { fingerprint: string; callId: string; token: string; now: string },
): Promise<RecordingClaim> => {
  const { fingerprint, callId, token, now } = request;
  if (!SAFE_FINGERPRINT.test(fingerprint)) throw new Error(`not a recording fingerprint: ${fingerprint}`);
  const key = claimKey(fingerprint);
  const body = JSON.stringify({ callId, token, claimedAt: now } satisfies ClaimBody);
  // Each round either creates the claim, finds it held, or removes one stale claim; a claim that
  // keeps changing under us three times over is a race worth one more try of the whole task.
  for (let round = 0; round < 3; round++) {
    if ((await store.putIfAbsent(key, body, 'application/json')) !== null) return { held: true };
    const found = await read(store, key);
    if (!found) continue;
    const claim = found.body;
    if (claim?.callId === callId && claim.token === token) return { held: true };
    if (claim && claim.callId !== callId && (await stillHolds(store, claim, fingerprint, now)))
      return { held: false, copyOf: claim.callId };
    // Stale, unreadable, or this call's from an earlier execution: made this execution's, so a
    // copy arriving while it runs finds it held.
    await store.deleteVersion(key, found.etag);
  }
  throw new ThrottledError(`the claim on recording ${fingerprint} kept changing while ${callId} claimed it`);
};
