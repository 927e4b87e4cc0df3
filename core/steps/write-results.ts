import type { CallState, WriteResultsOutput } from '../../schemas/workflow.js';
import { loadDocument } from '../call-store.js';
import {
  callAgentsRows,
  callCategoriesRows,
  callFindingsRows,
  callInterruptionsRows,
  callState,
  callsRow,
  callTopicsRows,
  processedStatusRow,
  turnsRows,
} from '../rows.js';
import type { StepDeps } from './deps.js';

/**
 * WriteResults: the final call document plus one Parquet object per table for this call, at
 * deterministic keys (a re-run overwrites). call_status is written last: a call is only
 * "processed" once all its rows are in place.
 */
export const writeResults = async (input: CallState, deps: StepDeps): Promise<WriteResultsOutput> => {
  const doc = await loadDocument(deps.store, input.documentKey);
  const writtenAt = deps.now();
  const { lake } = deps;
  await lake.putCallRows('calls', doc.callId, doc.dt, [callsRow(doc, writtenAt)]);
  await lake.putCallRows('turns', doc.callId, doc.dt, turnsRows(doc, writtenAt));
  await lake.putCallRows('call_agents', doc.callId, doc.dt, callAgentsRows(doc, writtenAt));
  await lake.putCallRows('call_topics', doc.callId, doc.dt, callTopicsRows(doc, writtenAt));
  await lake.putCallRows('call_findings', doc.callId, doc.dt, callFindingsRows(doc, writtenAt));
  await lake.putCallRows('call_categories', doc.callId, doc.dt, callCategoriesRows(doc, writtenAt));
  await lake.putCallRows('call_interruptions', doc.callId, doc.dt, callInterruptionsRows(doc, writtenAt));
  const resultKey = `${deps.prefixes.results}/dt=${doc.dt}/${doc.callId}.json`;
  await deps.store.put(resultKey, JSON.stringify(doc, null, 1), 'application/json');
  await lake.putCallRows('call_status', doc.callId, null, [processedStatusRow(doc, writtenAt)]);
  return {
    callId: doc.callId,
    state: callState(doc),
    dt: doc.dt,
    documentKey: resultKey,
    turns: doc.turns.length,
    durationMs: doc.durationMs,
  };
};
