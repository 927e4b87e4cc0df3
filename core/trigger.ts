import { createHash } from 'node:crypto';
import type { S3ObjectCreatedEvent } from '../schemas/events.js';
import type { CallExecutionInput } from '../schemas/workflow.js';
import { classifyDropFile } from './drop.js';

export type TriggerDecision =
  | { start: true; executionName: string; input: CallExecutionInput }
  | { start: false; reason: string };

const MAX_EXECUTION_NAME = 80;
const HASH_LENGTH = 16;

/** The head of every event-driven execution name of a call: its stem, made safe and short. */
const executionStem = (callId: string): string =>
  callId.replace(/[^0-9A-Za-z_-]/g, '_').slice(0, MAX_EXECUTION_NAME - HASH_LENGTH - 1);

/**
 * Whether an execution name is one the trigger gives a file of this call (`<stem>-<hash>`).
 * Ids that differ only in characters the name replaces share names: true for both.
 */
export const isExecutionOf = (name: string, callId: string): boolean =>
  new RegExp(`^${executionStem(callId)}-[0-9a-f]{${HASH_LENGTH}}$`).test(name);

/**
 * What a new object in the bucket means: every file of a call starts an execution for it — a
 * recording or transcript runs the call; a CTR or recording metadata that arrives later runs it
 * again with the new facts (without transcribing again), and one that arrives first finds no
 * recording yet and ends (ClaimCall). ClaimCall gathers the other files by stem and lets one
 * execution of a call run at a time. The execution name is derived from the key and the object
 * version, so a duplicate event is the same execution (Step Functions refuses it) while a
 * re-upload is a new one.
 */
export const decideOnObjectCreated = (
  event: S3ObjectCreatedEvent,
  inboxPrefix = 'inbox/',
): TriggerDecision => {
  const object = event.detail.object;
  // EventBridge's S3 events carry the key as stored, NOT URL-encoded (unlike the classic S3
  // notification records, where "a b+c.json" arrives as "a+b%2Bc.json"): AWS's "Event message
  // detail field" reference describes `object.key` as the object key, and captured events show
  // characters such as ':' that the classic format encodes. Decoding would turn '+' into a
  // space and throw on a lone '%'.
  const key = object.key;
  if (!key.startsWith(inboxPrefix)) return { start: false, reason: `outside ${inboxPrefix}: ${key}` };
  const hit = classifyDropFile(key);
  if (!hit) return { start: false, reason: `not a call file: ${key}` };
  const version = object['version-id'] || object.sequencer || object.etag || '';
  const hash = createHash('sha256').update(`${key}\0${version}`).digest('hex').slice(0, HASH_LENGTH);
  return {
    start: true,
    executionName: `${executionStem(hit.stem)}-${hash}`,
    input: {
      callId: hit.stem,
      keys: {
        transcript: hit.kind === 'transcript' ? key : null,
        audio: hit.kind === 'audio' ? key : null,
        ctr: hit.kind === 'ctr' ? key : null,
        recording: hit.kind === 'recording' ? key : null,
      },
      lookupSidecars: true,
    },
  };
};
