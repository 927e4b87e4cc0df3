import type { CallState, WriteResultsOutput } from '../../schemas/workflow.js';
import { lastDoneFingerprint, recordDone, releaseCallLease } from '../call-lease.js';
import { documentBytes, resultDocument } from '../call-store.js';
import { objectName } from '../object-names.js';
import {
  callAgentsRows,
  callCategoriesRows,
  callFindingsRows,
  callInterruptionsRows,
  callMetricsRows,
  callRolesRows,
  callState,
  callsRow,
  callTopicsRows,
  processedStatusRow,
  turnsRows,
} from '../rows.js';
import type { StepDeps } from './deps.js';

/**
 * WriteResults: the final call document plus one Parquet object per table for this call, all
 * with one written_at. call_status is written last, with that same time: it is the commit that
 * makes these rows count and hides an earlier run's (adapters/lake/latest-write.ts). A write
 * that dies half-way is never seen.
 */
export const writeResults = async (input: CallState, deps: StepDeps): Promise<WriteResultsOutput> => {
  const doc = await resultDocument(deps.store, input.documentKey);
  const writtenAt = deps.now();
  const { lake } = deps;
  const call = callsRow(doc, writtenAt);
  const interruptions = callInterruptionsRows(doc, writtenAt);
  await lake.putCallRows('calls', doc.callId, doc.dt, [call]);
  await lake.putCallRows('turns', doc.callId, doc.dt, turnsRows(doc, writtenAt));
  await lake.putCallRows(
    'call_agents',
    doc.callId,
    doc.dt,
    callAgentsRows(doc, writtenAt, call, interruptions),
  );
  await lake.putCallRows('call_topics', doc.callId, doc.dt, callTopicsRows(doc, writtenAt));
  await lake.putCallRows('call_findings', doc.callId, doc.dt, callFindingsRows(doc, writtenAt));
  await lake.putCallRows('call_categories', doc.callId, doc.dt, callCategoriesRows(doc, writtenAt));
  await lake.putCallRows('call_interruptions', doc.callId, doc.dt, interruptions);
  await lake.putCallRows('call_roles', doc.callId, doc.dt, callRolesRows(doc, writtenAt));
  await lake.putCallRows('call_metrics', doc.callId, doc.dt, callMetricsRows(doc, writtenAt));
  const resultKey = `${deps.prefixes.results}/dt=${doc.dt}/${objectName(doc.callId)}.json`;
  await deps.store.put(resultKey, documentBytes(doc), 'application/json');
  await lake.putCallRows('call_status', doc.callId, null, [processedStatusRow(doc, writtenAt)]);
  // The call is done: an exact repeat of these inputs is skipped from now on; others may run. It
  // holds the recording it landed with (core/recording-claims.ts) from now until its next outcome.
  // A reprocess on AWS (no inputs' fingerprint, its call's recording noted) records its success
  // too, keeping the inputs its call last completed with: a quarantine it replaces let go of them.
  const claim = input.claim;
  if (claim && (claim.fingerprint || claim.recording !== undefined))
    await recordDone(
      deps.store,
      input.callId,
      claim.fingerprint ?? (await lastDoneFingerprint(deps.store, input.callId)),
      writtenAt,
      claim.recording ?? null,
      claim.transcript ?? null,
    );
  if (input.claim) await releaseCallLease(deps.store, input.callId, input.claim.token);
  return {
    callId: doc.callId,
    state: callState(doc),
    dt: doc.dt,
    documentKey: resultKey,
    turns: doc.turns.length,
    durationMs: doc.durationMs,
  };
};
