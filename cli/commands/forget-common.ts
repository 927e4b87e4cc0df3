import { readFileSync } from 'node:fs';
import { type CallStatusStamp, FORGOTTEN_STATE } from '../../adapters/lake/latest-write.js';
import { enrichedKeyOf, enrichedPrefixOf } from '../../core/enriched-document.js';
import { DebriefError } from '../../core/errors.js';
import { objectName } from '../../core/object-names.js';

/**
 * What `debrief forget` shares between a home (forget.ts) and the deployed stack
 * (forget-aws.ts). Small on purpose: neither DuckDB nor the AWS SDK loads from here.
 */

/** Ids `forget` was given that nothing knows: nothing is removed. */
export class UnknownCallError extends DebriefError {
  override name = 'UnknownCallError' as const;
  constructor(
    readonly callIds: readonly string[],
    where = 'in this home',
    hint = 'npx debrief query "select call_id from call_status"',
  ) {
    super(
      `no call ${callIds.map((id) => JSON.stringify(id)).join(', ')} ${where} (no input, record, result or lake row): nothing was removed. Call ids are the drop files' stems: ${hint}`,
    );
  }
}

/** One kind of trace of a call: where it lies and which objects. */
export interface Trace {
  what: string;
  where: string;
  keys: string[];
}

/** Where the call's result documents lie (WriteResults: results/dt=<day>/<call>.json). */
export const RESULT_DOCUMENTS_WHERE = 'results/dt=*/';
const RESULTS = 'results';

/**
 * The call's objects in a listing of `results/`, by kind: its result documents, one per day it
 * landed on, and its enriched document (results/enriched/<call>.json, what `--from post-process`
 * starts from). Any other `results/…/<call>.json` (no version writes one) goes with the result
 * documents rather than staying behind.
 */
export const resultTraces = (listed: readonly string[], callId: string): Trace[] => {
  const enriched = enrichedKeyOf(RESULTS, callId);
  const ofCall = listed.filter(
    (key) => key.startsWith(`${RESULTS}/`) && key.endsWith(`/${objectName(callId)}.json`),
  );
  return [
    {
      what: 'result documents',
      where: RESULT_DOCUMENTS_WHERE,
      keys: ofCall.filter((key) => key !== enriched),
    },
    {
      what: 'enriched document (--from post-process)',
      where: `${enrichedPrefixOf(RESULTS)}/`,
      keys: ofCall.filter((key) => key === enriched),
    },
  ];
};

/** Ids from a file: one a line; blank lines and lines starting with # are skipped. */
export const readIdsFile = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

/** The ids given, each once; none at all is an error. */
export const uniqueIds = (callIds: readonly string[]): string[] => {
  const ids = [...new Set(callIds)];
  if (ids.length === 0) throw new DebriefError('forget: no call id given (ids as arguments, or --from-file)');
  return ids;
};

/** A call id names a folder under transcripts/ as it is (core/transcription): only when that stays one folder. */
export const plainFolder = (callId: string): boolean =>
  callId !== '.' && callId !== '..' && !callId.includes('/');

/**
 * The tombstone: a `forgotten` status of the call, stamped later than every status it has, so
 * it is the latest (rule 1 of adapters/lake/latest-write.ts) whatever the clocks.
 */
export const tombstoneRow = (callId: string, status: CallStatusStamp | undefined, now: string) => ({
  call_id: callId,
  state: FORGOTTEN_STATE,
  reason: null,
  stage: null,
  error_name: null,
  dt: null,
  sources: '',
  updated_at: new Date(
    Math.max(Date.parse(now), status ? Date.parse(status.updatedAt) + 1 : 0),
  ).toISOString(),
  superseded_dts: null,
});
