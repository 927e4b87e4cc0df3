import { z } from 'zod';
import { CallDocument, type LineageEntry } from '../schemas/call-document.js';
import type { CallKeys } from '../schemas/workflow.js';
import { inputsFingerprint } from './call-lease.js';
import { documentText, getIfPresent } from './call-store.js';
import { ObjectNotFoundError } from './errors.js';
import { objectName } from './object-names.js';
import type { ObjectStore, ObjectStoreWithHead } from './ports/object-store.js';
import { INBOX_PREFIX } from './reprocess-item.js';

/**
 * A call's enriched document: the working document as it stood when PostProcess began (LoadCall,
 * MergeCtr, RedactPii and the enrichment applied; no post-processor's effect), kept so that
 * `--from post-process` can run PostProcess and WriteResults again on it without paying for
 * anything before them. One object per call, replaced by each run that reaches PostProcess with
 * post-processors to run, and deleted by ClaimCall when a run that reads the inputs again begins:
 * whatever is stored was made by the call's latest run that read its inputs, or nothing is.
 * It lives under results/ (`results/enriched/<call>.json`): the results' retention, and erased
 * with the call's result documents (`debrief forget` deletes results/…/<call>.json).
 */
export const enrichedPrefixOf = (resultsPrefix: string): string => `${resultsPrefix}/enriched`;
export const enrichedKeyOf = (resultsPrefix: string, callId: string): string =>
  `${enrichedPrefixOf(resultsPrefix)}/${objectName(callId)}.json`;

const Envelope = z.object({
  enrichedDocument: z.literal(1),
  callId: z.string(),
  /**
   * The identity of the inputs it was made from: the caller's (`debrief run`: the drop's hash), or
   * where the caller gives none (AWS) the call's inbox files and their versions (inboxInputsOf);
   * null when they could not be read (the document is then never used).
   */
  inputs: z.string().nullable(),
  /** When PostProcess stored it, and the execution's working document it was (which run made it). */
  savedAt: z.string(),
  documentKey: z.string(),
  document: z.unknown(),
});

export interface EnrichedDocument {
  callId: string;
  inputs: string | null;
  savedAt: string;
  documentKey: string;
  document: CallDocument;
}

/**
 * The call's inputs in the inbox, by key and version (ETag, else size and time), as one identity:
 * what a document is stored with and a resume is compared against when the caller knows nothing
 * of the inputs' content (AWS). Only inbox keys count (a transcript made of the recording is not an
 * input), so an event-driven run and a reprocess of the same files agree; a file that arrived and
 * never ran (a CTR whose event was dead-lettered) or was replaced makes it differ. Null when a file
 * is gone.
 */
export const inboxInputsOf = async (store: ObjectStoreWithHead, keys: CallKeys): Promise<string | null> => {
  const present = Object.values(keys).filter(
    (k): k is string => typeof k === 'string' && k.startsWith(INBOX_PREFIX),
  );
  try {
    const inputs = await Promise.all(
      present.map(async (key) => {
        const info = await store.head(key);
        return { key, version: info.etag ?? `${info.size}@${info.lastModified}` };
      }),
    );
    return `inbox:${inputsFingerprint(inputs)}`;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
};

/** Store the document PostProcess was given, before any processor runs. */
export const saveEnrichedDocument = async (
  store: ObjectStore,
  key: string,
  enriched: EnrichedDocument,
): Promise<void> => {
  const { document, ...about } = enriched;
  const text = `{"enrichedDocument":1,${JSON.stringify(about).slice(1, -1)},"document":${documentText(document)}}`;
  await store.put(key, text, 'application/json');
};

/**
 * The call's enriched document; null when none is stored (the call landed before debrief kept
 * one, by a run without post-processors, or its last run stopped before PostProcess) or it cannot
 * be read: the call then runs in full, never fails for it.
 */
export const loadEnrichedDocument = async (
  store: ObjectStore,
  key: string,
): Promise<EnrichedDocument | null> => {
  const bytes = await getIfPresent(store, key);
  if (bytes === null) return null;
  try {
    const envelope = Envelope.parse(JSON.parse(new TextDecoder().decode(bytes)));
    const { document, enrichedDocument: _format, ...about } = envelope;
    return { ...about, document: CallDocument.parse(document) };
  } catch {
    return null;
  }
};

/** Drop it: the call runs from its inputs again, and what is stored would no longer be its own. */
export const dropEnrichedDocument = async (store: ObjectStore, key: string): Promise<void> => {
  await store.delete(key);
};

/** The lineage entry of a PostProcess-only run: what did not run, and whose document it used. */
export const POST_PROCESS_ONLY = 'postProcessOnly';
export const postProcessOnlyLineage = (enriched: EnrichedDocument): LineageEntry => ({
  engine: 'debrief --from post-process',
  version: '1',
  model: null,
  promptHash: null,
  note: `PostProcess and WriteResults only: LoadCall, MergeCtr, RedactPii and the enrichment did not run; their document of ${enriched.savedAt} was used`,
});
